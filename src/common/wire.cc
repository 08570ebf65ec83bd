// src/common/wire.cc — Boost.Serialization of the wire messages.
#include "common/wire.h"

#include "common/json_bounded.h"

#include <sstream>

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>

#include "common/record_fields.h"

namespace boost::serialization {

template <class Archive>
void serialize(Archive& ar, autocomp::ProblemId& p, unsigned) {
  ar & p.backend & p.set & p.index;
}

template <class Archive>
void serialize(Archive& ar, autocomp::Resource& r, unsigned) {
  ar & r.kind & r.index & r.cpus & r.description & r.device_id;
}

// Wire forms of the field types of record_fields.h beyond Boost's own.
template <class Archive>
void SaveField(Archive& ar, const autocomp::EvalStatus& status) {
  int value = static_cast<int>(status);
  ar & value;
}
template <class Archive>
void LoadField(Archive& ar, autocomp::EvalStatus& status) {
  int value = 0;
  ar & value;
  if (value < 0 || value > static_cast<int>(autocomp::kLastEvalStatus)) {
    throw boost::archive::archive_exception(boost::archive::archive_exception::input_stream_error);
  }
  status = static_cast<autocomp::EvalStatus>(value);
}
template <class Archive>
void SaveField(Archive& ar, const std::optional<double>& v) {
  bool has = v.has_value();
  double value = v.value_or(0.0);
  ar & has & value;
}
template <class Archive>
void LoadField(Archive& ar, std::optional<double>& v) {
  bool has = false;
  double value = 0;
  ar & has & value;
  v = has ? std::optional<double>(value) : std::nullopt;
}
template <class Archive>
void SaveField(Archive& ar, const nlohmann::json& j) {
  std::string text = j.dump();
  ar & text;
}
template <class Archive>
void LoadField(Archive& ar, nlohmann::json& j) {
  std::string text;
  ar & text;
  j = autocomp::ParseBoundedJson(text);
  if (j.is_discarded()) j = nlohmann::json::object();
}
template <class Archive, class T>
void SaveField(Archive& ar, const T& v) {
  ar & v;
}
template <class Archive, class T>
void LoadField(Archive& ar, T& v) {
  ar & v;
}

template <class Archive>
void save(Archive& ar, const autocomp::EvalResult& r, unsigned) {
  autocomp::Fields(r, [&](const char*, const auto& member, const char* = nullptr) { SaveField(ar, member); });
}

template <class Archive>
void load(Archive& ar, autocomp::EvalResult& r, unsigned) {
  autocomp::Fields(r, [&](const char*, auto& member, const char* = nullptr) { LoadField(ar, member); });
}

template <class Archive>
void serialize(Archive& ar, autocomp::EvalResult& r, unsigned version) {
  split_free(ar, r, version);
}

template <class Archive>
void serialize(Archive& ar, autocomp::HelloMsg& m, unsigned) {
  ar & m.rank & m.host & m.local_rank & m.resource & m.slots & m.build_threads & m.backend_version & m.backend_version_details &
      m.isolation & m.healthy & m.error;
}

template <class Archive>
void serialize(Archive& ar, autocomp::EvalTask& t, unsigned) {
  ar & t.task_id & t.problem & t.code & t.rounds & t.recheck_below;
  if constexpr (Archive::is_saving::value) {
    int purpose = static_cast<int>(t.purpose);
    ar & purpose;
  } else {
    int purpose = 0;
    ar & purpose;
    if (purpose < 0 || purpose > static_cast<int>(autocomp::EvalPurpose::kFinal)) {
      throw boost::archive::archive_exception(boost::archive::archive_exception::input_stream_error);
    }
    t.purpose = static_cast<autocomp::EvalPurpose>(purpose);
  }
}

template <class Archive>
void serialize(Archive& ar, autocomp::EvalBatchMsg& m, unsigned) {
  ar & m.tasks;
}

template <class Archive>
void serialize(Archive& ar, autocomp::ResultMsg& m, unsigned) {
  ar & m.task_id & m.result;
}

template <class Archive>
void serialize(Archive& ar, autocomp::HeartbeatMsg& m, unsigned) {
  ar & m.rank & m.building & m.measuring & m.queued;
}

template <class Archive>
void serialize(Archive& ar, autocomp::ShutdownMsg& m, unsigned) {
  ar & m.reason;
}

}  // namespace boost::serialization

namespace autocomp {

namespace {

template <typename T>
std::string EncodeAny(const T& m) {
  std::ostringstream out(std::ios::binary);
  {
    boost::archive::binary_oarchive archive(out, boost::archive::no_header);
    archive << m;
  }
  return out.str();
}

template <typename T>
Status DecodeAny(const std::string& bytes, T* m, const char* what) {
  try {
    std::istringstream in(bytes, std::ios::binary);
    boost::archive::binary_iarchive archive(in, boost::archive::no_header);
    archive >> *m;
  } catch (const std::exception& e) {
    return DataLossError(std::string("malformed ") + what + " message (" + std::to_string(bytes.size()) +
                         " bytes): " + e.what());
  }
  return Status::Ok();
}

}  // namespace

std::string Encode(const HelloMsg& m) { return EncodeAny(m); }
std::string Encode(const EvalBatchMsg& m) { return EncodeAny(m); }
std::string Encode(const ResultMsg& m) { return EncodeAny(m); }
std::string Encode(const HeartbeatMsg& m) { return EncodeAny(m); }
std::string Encode(const ShutdownMsg& m) { return EncodeAny(m); }

Status Decode(const std::string& b, HelloMsg* m) { return DecodeAny(b, m, "HELLO"); }
Status Decode(const std::string& b, EvalBatchMsg* m) { return DecodeAny(b, m, "EVAL_BATCH"); }
Status Decode(const std::string& b, ResultMsg* m) { return DecodeAny(b, m, "RESULT"); }
Status Decode(const std::string& b, HeartbeatMsg* m) { return DecodeAny(b, m, "HEARTBEAT"); }
Status Decode(const std::string& b, ShutdownMsg* m) { return DecodeAny(b, m, "SHUTDOWN"); }

}  // namespace autocomp
