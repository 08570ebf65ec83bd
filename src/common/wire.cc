// src/common/wire.cc — Boost.Serialization of the wire messages.
#include "common/wire.h"

#include <sstream>

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>

namespace boost::serialization {

template <class Archive>
void serialize(Archive& ar, autocomp::ProblemId& p, unsigned) {
  ar & p.backend & p.set & p.index;
}

template <class Archive>
void serialize(Archive& ar, autocomp::Resource& r, unsigned) {
  ar & r.kind & r.index & r.cpus & r.description;
}

template <class Archive>
void save(Archive& ar, const autocomp::EvalResult& r, unsigned) {
  int status = static_cast<int>(r.status);
  std::string metrics = r.metrics.dump();
  bool has_score = r.score.has_value();
  double score = r.score.value_or(0.0);
  ar & status & has_score & score & r.message & r.trace & metrics & r.build_seconds & r.run_seconds & r.worker & r.host;
}

template <class Archive>
void load(Archive& ar, autocomp::EvalResult& r, unsigned) {
  int status = 0;
  std::string metrics;
  bool has_score = false;
  double score = 0;
  ar & status & has_score & score & r.message & r.trace & metrics & r.build_seconds & r.run_seconds & r.worker & r.host;
  if (status < 0 || status > static_cast<int>(autocomp::kLastEvalStatus)) {
    throw boost::archive::archive_exception(boost::archive::archive_exception::input_stream_error);
  }
  r.status = static_cast<autocomp::EvalStatus>(status);
  r.score = has_score ? std::optional<double>(score) : std::nullopt;
  r.metrics = nlohmann::json::parse(metrics, nullptr, false);
  if (r.metrics.is_discarded()) r.metrics = nlohmann::json::object();
}

template <class Archive>
void serialize(Archive& ar, autocomp::EvalResult& r, unsigned version) {
  split_free(ar, r, version);
}

template <class Archive>
void serialize(Archive& ar, autocomp::HelloMsg& m, unsigned) {
  ar & m.rank & m.host & m.local_rank & m.resource & m.slots & m.build_threads & m.backend_version &
      m.isolation & m.healthy & m.error;
}

template <class Archive>
void serialize(Archive& ar, autocomp::EvalTask& t, unsigned) {
  ar & t.task_id & t.problem & t.code & t.rounds & t.recheck_below & t.purpose;
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
