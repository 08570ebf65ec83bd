// src/common/hdf5_columns.cc — compound layouts, row packing, typed attributes.
#include "common/hdf5_columns.h"

#include <algorithm>

namespace autocomp::hdf5 {

namespace {

size_t SizeOf(ColumnType type) {
  switch (type) {
    case ColumnType::kInt32: return sizeof(int32_t);
    case ColumnType::kInt64: return sizeof(int64_t);
    case ColumnType::kUint64: return sizeof(uint64_t);
    case ColumnType::kUint8: return sizeof(uint8_t);
    case ColumnType::kDouble: return sizeof(double);
    case ColumnType::kString: return sizeof(const char*);
    case ColumnType::kIdList: return sizeof(hvl_t);
  }
  return 0;
}

// The HDF5 type of a column; `owned` keeps derived types alive until the compound is built.
hid_t H5TypeOf(ColumnType type, std::vector<H5Id>& owned) {
  switch (type) {
    case ColumnType::kInt32: return H5T_NATIVE_INT32;
    case ColumnType::kInt64: return H5T_NATIVE_INT64;
    case ColumnType::kUint64: return H5T_NATIVE_UINT64;
    case ColumnType::kUint8: return H5T_NATIVE_UINT8;
    case ColumnType::kDouble: return H5T_NATIVE_DOUBLE;
    case ColumnType::kString: owned.push_back(VlenString()); return owned.back().get();
    case ColumnType::kIdList:
      owned.emplace_back(H5Tvlen_create(H5T_NATIVE_UINT64), H5Tclose);
      return owned.back().get();
  }
  return -1;
}

}  // namespace

H5Id VlenString() {
  hid_t t = H5Tcopy(H5T_C_S1);
  H5Tset_size(t, H5T_VARIABLE);
  H5Tset_cset(t, H5T_CSET_UTF8);
  return H5Id(t, H5Tclose);
}

void RowLayout::Add(const std::string& name, ColumnType type) {
  if (Find(name)) return;
  columns_.push_back({name, type, 0});
}

void RowLayout::Finish(const std::vector<std::string>& order) {
  std::stable_sort(columns_.begin(), columns_.end(), [&](const Column& a, const Column& b) {
    auto rank = [&](const std::string& n) {
      auto it = std::find(order.begin(), order.end(), n);
      return it == order.end() ? order.size() : static_cast<size_t>(it - order.begin());
    };
    return rank(a.name) < rank(b.name);
  });
  // Natural alignment of each member, as a C struct of the same members would have.
  size_t at = 0, widest = 1;
  for (Column& c : columns_) {
    const size_t size = SizeOf(c.type), align = c.type == ColumnType::kIdList ? alignof(hvl_t) : size;
    at = (at + align - 1) / align * align;
    c.offset = at;
    at += size;
    widest = std::max(widest, align);
  }
  row_size_ = (at + widest - 1) / widest * widest;
}

const RowLayout::Column* RowLayout::Find(const std::string& name) const {
  for (const Column& c : columns_) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

H5Id RowLayout::Type() const {
  std::vector<std::string> all;
  for (const Column& c : columns_) all.push_back(c.name);
  return TypeOf(all);
}

H5Id RowLayout::TypeOf(const std::vector<std::string>& names) const {
  std::vector<H5Id> owned;
  hid_t t = H5Tcreate(H5T_COMPOUND, row_size_);
  for (const Column& c : columns_) {
    if (std::find(names.begin(), names.end(), c.name) == names.end()) continue;
    H5Tinsert(t, c.name.c_str(), c.offset, H5TypeOf(c.type, owned));
  }
  return H5Id(t, H5Tclose);
}

unsigned char* RowBuffer::At(size_t row, const std::string& name) const {
  const RowLayout::Column* c = layout_.Find(name);
  if (!c || row >= rows_) return nullptr;
  return bytes_.data() + row * layout_.row_size() + c->offset;
}

std::string RowBuffer::ReadString(size_t row, const std::string& name) const {
  const char* p = nullptr;
  if (unsigned char* at = At(row, name)) std::memcpy(&p, at, sizeof p);
  return p ? p : "";
}

void RowBuffer::Release() {
  if (read_type_ >= 0 && rows_ > 0) H5Dvlen_reclaim(read_type_, read_space_, H5P_DEFAULT, bytes_.data());
  if (read_type_ >= 0) H5Tclose(read_type_);
  if (read_space_ >= 0) H5Sclose(read_space_);
  read_type_ = read_space_ = -1;
}

RowLayout OneColumn(const char* name, ColumnType type) {
  RowLayout layout;
  layout.Add(name, type);
  layout.Finish();
  return layout;
}

Status WriteAttr(hid_t obj, const char* name, const RowLayout& layout, const RowBuffer& value) {
  if (H5Aexists(obj, name) > 0) H5Adelete(obj, name);
  std::vector<H5Id> owned;
  const hid_t type = H5TypeOf(layout.columns().front().type, owned);
  H5Id space(H5Screate(H5S_SCALAR), H5Sclose);
  H5Id attr(H5Acreate2(obj, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  if (!attr.valid() || H5Awrite(attr.get(), type, value.data()) < 0) {
    return FailedPreconditionError(std::string("cannot write attribute ") + name);
  }
  return Status::Ok();
}

bool ReadAttr(hid_t obj, const char* name, const RowLayout& layout, RowBuffer& value) {
  if (H5Aexists(obj, name) <= 0) return false;
  std::vector<H5Id> owned;
  const hid_t type = H5TypeOf(layout.columns().front().type, owned);
  H5Id attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
  if (!attr.valid() || H5Aread(attr.get(), type, value.data()) < 0) return false;
  H5Id space(H5Screate(H5S_SCALAR), H5Sclose);
  value.MarkRead(type, space.get());
  return true;
}

}  // namespace autocomp::hdf5
