// src/common/hdf5_columns.h
//
// HDF5 tables and attributes written from the field lists of
// record_fields.h: a RowLayout is built by visiting a record's fields (names
// and member types), becomes a compound type, and RowBuffer packs records
// into rows of it and unpacks them again. How member types are stored:
//
//   int → int32, int64_t → int64, uint64_t → uint64, bool → uint8,
//   double → double, std::optional<double> → double (NaN when absent),
//   std::optional<uint64_t> → int64 (-1 when absent), std::string,
//   ProblemId ("cpu/gemm/0"), nlohmann::json (its text) and enums (their
//   names) → UTF-8 variable-length string, std::vector<uint64_t> → vlen uint64.
//
// Reading converts by column name (HDF5 matches compound members by name),
// so the column order of a file does not matter to the reader.
// Thread-safety: none (serial HDF5, one thread).
#pragma once

#include <hdf5.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/json_bounded.h"

#include "common/enum_names.h"
#include "common/problem.h"
#include "common/status.h"

namespace autocomp::hdf5 {

// Owns one HDF5 identifier and closes it with the right function.
class H5Id {
 public:
  H5Id() = default;
  H5Id(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  H5Id(H5Id&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = -1; }
  H5Id& operator=(H5Id&& o) noexcept {
    Reset();
    id_ = o.id_;
    close_ = o.close_;
    o.id_ = -1;
    return *this;
  }
  ~H5Id() { Reset(); }
  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  void Reset() {
    if (id_ >= 0 && close_) close_(id_);
    id_ = -1;
  }

 private:
  hid_t id_ = -1;
  herr_t (*close_)(hid_t) = nullptr;
};

H5Id VlenString();

enum class ColumnType { kInt32, kInt64, kUint64, kUint8, kDouble, kString, kIdList };

template <class T>
constexpr bool kIsNamedEnum = std::is_enum_v<T>;

template <class T>
constexpr ColumnType ColumnTypeOf() {
  using U = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<U, int>) return ColumnType::kInt32;
  else if constexpr (std::is_same_v<U, int64_t>) return ColumnType::kInt64;
  else if constexpr (std::is_same_v<U, uint64_t>) return ColumnType::kUint64;
  else if constexpr (std::is_same_v<U, bool>) return ColumnType::kUint8;
  else if constexpr (std::is_same_v<U, double> || std::is_same_v<U, std::optional<double>>) return ColumnType::kDouble;
  else if constexpr (std::is_same_v<U, std::optional<uint64_t>>) return ColumnType::kInt64;
  else if constexpr (std::is_same_v<U, std::vector<uint64_t>>) return ColumnType::kIdList;
  else if constexpr (std::is_same_v<U, std::string> || std::is_same_v<U, ProblemId> ||
                     std::is_same_v<U, nlohmann::json> || kIsNamedEnum<U>) return ColumnType::kString;
  else static_assert(sizeof(U) == 0, "no HDF5 column type for this member type");
}

// The columns of one compound table, their types and their place in a row.
class RowLayout {
 public:
  struct Column {
    std::string name;
    ColumnType type;
    size_t offset = 0;
  };

  // Adds a column (ignored when one of that name exists).
  void Add(const std::string& name, ColumnType type);
  // Adds a column for each field `record`'s Fields() visits.
  template <class R>
  void AddFields(const R& record) {
    Fields(record, [&](const char* name, const auto& member, const char* = nullptr) {
      Add(name, ColumnTypeOf<decltype(member)>());
    });
  }
  // Puts the columns named in `order` first, in that order (the rest follow
  // in the order added), and fixes every column's offset.
  void Finish(const std::vector<std::string>& order = {});

  size_t row_size() const { return row_size_; }
  const Column* Find(const std::string& name) const;
  const std::vector<Column>& columns() const { return columns_; }
  // The compound type of all columns, or of only those named (same offsets:
  // writing with it changes only those columns of existing rows).
  H5Id Type() const;
  H5Id TypeOf(const std::vector<std::string>& names) const;

 private:
  std::vector<Column> columns_;
  size_t row_size_ = 0;
};

// Rows of one layout in memory. Strings written are held by the buffer;
// strings read belong to HDF5 until Release() (called by the destructor).
class RowBuffer {
 public:
  RowBuffer(const RowLayout& layout, size_t rows) : layout_(layout), bytes_(layout.row_size() * rows), rows_(rows) {}
  ~RowBuffer() { Release(); }
  RowBuffer(const RowBuffer&) = delete;
  RowBuffer& operator=(const RowBuffer&) = delete;

  size_t rows() const { return rows_; }
  void* data() { return bytes_.data(); }
  const void* data() const { return bytes_.data(); }
  // After a read into data(): the memory of variable-length values is HDF5's.
  void MarkRead(hid_t type, hid_t space) {
    read_type_ = H5Tcopy(type);
    read_space_ = H5Scopy(space);
  }
  void Release();

  template <class T>
  void Put(size_t row, const std::string& name, const T& value);
  // False when the column holds a value T cannot take (an unknown enum name).
  template <class T>
  bool Get(size_t row, const std::string& name, T& value) const;

  // Packs every field of `record` into `row`.
  template <class R>
  void PutFields(size_t row, const R& record) {
    Fields(record, [&](const char* name, const auto& member, const char* = nullptr) { Put(row, name, member); });
  }
  // Unpacks every field of `record` from `row`; DataLoss names a bad column.
  template <class R>
  Status GetFields(size_t row, R& record) const {
    Status status;
    Fields(record, [&](const char* name, auto& member, const char* = nullptr) {
      if (status.ok() && !Get(row, name, member)) {
        status = DataLossError(std::string("column '") + name + "' of row " + std::to_string(row) +
                               " holds a value this program does not know");
      }
    });
    return status;
  }

 private:
  unsigned char* At(size_t row, const std::string& name) const;
  const char* Hold(std::string s) {
    held_.push_back(std::move(s));
    return held_.back().c_str();
  }
  std::string ReadString(size_t row, const std::string& name) const;

  const RowLayout& layout_;
  mutable std::vector<unsigned char> bytes_;
  size_t rows_;
  std::deque<std::string> held_;  // a deque: pointers into it stay valid as it grows
  std::deque<std::vector<uint64_t>> held_lists_;
  hid_t read_type_ = -1, read_space_ = -1;
};

template <class T>
void RowBuffer::Put(size_t row, const std::string& name, const T& value) {
  unsigned char* at = At(row, name);
  if (!at) return;
  auto store = [&](const auto& v) { std::memcpy(at, &v, sizeof v); };
  using U = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<U, bool>) store(static_cast<uint8_t>(value ? 1 : 0));
  else if constexpr (std::is_same_v<U, int>) store(static_cast<int32_t>(value));
  else if constexpr (std::is_same_v<U, int64_t> || std::is_same_v<U, uint64_t> || std::is_same_v<U, double>) store(value);
  else if constexpr (std::is_same_v<U, std::optional<double>>) store(value.value_or(std::nan("")));
  else if constexpr (std::is_same_v<U, std::optional<uint64_t>>) store(value ? static_cast<int64_t>(*value) : int64_t{-1});
  else if constexpr (std::is_same_v<U, std::vector<uint64_t>>) {
    held_lists_.push_back(value);
    hvl_t list{held_lists_.back().size(), held_lists_.back().data()};
    store(list);
  } else if constexpr (std::is_same_v<U, std::string>) store(Hold(value));
  else if constexpr (std::is_same_v<U, ProblemId>) store(Hold(value.ToString()));
  else if constexpr (std::is_same_v<U, nlohmann::json>) {
    store(Hold(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  } else if constexpr (std::is_enum_v<U>) store(static_cast<const char*>(NameOf(value)));
  else static_assert(sizeof(U) == 0, "no HDF5 column type for this member type");
}

template <class T>
bool RowBuffer::Get(size_t row, const std::string& name, T& value) const {
  unsigned char* at = At(row, name);
  if (!at) return true;  // a column this layout lacks: the default stays
  auto load = [&](auto& v) { std::memcpy(&v, at, sizeof v); };
  using U = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<U, bool>) {
    uint8_t v = 0;
    load(v);
    value = v != 0;
  } else if constexpr (std::is_same_v<U, int>) {
    int32_t v = 0;
    load(v);
    value = v;
  } else if constexpr (std::is_same_v<U, int64_t> || std::is_same_v<U, uint64_t> || std::is_same_v<U, double>) {
    load(value);
  } else if constexpr (std::is_same_v<U, std::optional<double>>) {
    double v = 0;
    load(v);
    value = std::isnan(v) ? std::nullopt : std::optional<double>(v);
  } else if constexpr (std::is_same_v<U, std::optional<uint64_t>>) {
    int64_t v = -1;
    load(v);
    value = v < 0 ? std::nullopt : std::optional<uint64_t>(static_cast<uint64_t>(v));
  } else if constexpr (std::is_same_v<U, std::vector<uint64_t>>) {
    hvl_t list{};
    load(list);
    const uint64_t* ids = static_cast<const uint64_t*>(list.p);
    value.assign(ids, ids + list.len);
  } else if constexpr (std::is_same_v<U, std::string>) {
    value = ReadString(row, name);
  } else if constexpr (std::is_same_v<U, ProblemId>) {
    auto id = ProblemId::Parse(ReadString(row, name));
    if (!id.ok()) return false;
    value = *id;
  } else if constexpr (std::is_same_v<U, nlohmann::json>) {
    value = ParseBoundedJson(ReadString(row, name));
    if (value.is_discarded()) value = nlohmann::json::object();
  } else if constexpr (std::is_enum_v<U>) {
    auto v = FromName<U>(ReadString(row, name));
    if (!v) return false;
    value = *v;
  } else {
    static_assert(sizeof(U) == 0, "no HDF5 column type for this member type");
  }
  return true;
}

// Scalar attributes of a group or file, stored as a column of the same
// member type would be (through a one-row RowBuffer).
Status WriteAttr(hid_t obj, const char* name, const RowLayout& layout, const RowBuffer& value);
// False when the attribute is absent or cannot be read as the layout's type.
bool ReadAttr(hid_t obj, const char* name, const RowLayout& layout, RowBuffer& value);
RowLayout OneColumn(const char* name, ColumnType type);

template <class T>
Status SetAttr(hid_t obj, const char* name, const T& value) {
  const RowLayout layout = OneColumn(name, ColumnTypeOf<T>());
  RowBuffer row(layout, 1);
  if constexpr (std::is_same_v<std::remove_cvref_t<T>, nlohmann::json>) {
    row.Put(0, name, value.dump(2));  // attributes are read by people too: indented
  } else {
    row.Put(0, name, value);
  }
  return WriteAttr(obj, name, layout, row);
}

// An absent attribute leaves `value` as it is; false when it holds a value T cannot take.
template <class T>
bool GetAttr(hid_t obj, const char* name, T& value) {
  const RowLayout layout = OneColumn(name, ColumnTypeOf<T>());
  RowBuffer row(layout, 1);
  if (!ReadAttr(obj, name, layout, row)) return true;
  return row.Get(0, name, value);
}

template <class R>
Status SetFieldAttrs(hid_t obj, const R& record) {
  Status status;
  Fields(record, [&](const char* name, const auto& member, const char* = nullptr) {
    if (status.ok()) status = SetAttr(obj, name, member);
  });
  return status;
}

template <class R>
Status GetFieldAttrs(hid_t obj, R& record) {
  Status status;
  Fields(record, [&](const char* name, auto& member, const char* = nullptr) {
    if (status.ok() && !GetAttr(obj, name, member)) {
      status = DataLossError(std::string("attribute '") + name + "' holds a value this program does not know");
    }
  });
  return status;
}

}  // namespace autocomp::hdf5
