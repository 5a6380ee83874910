#include "report/cache_report.h"

#include <ctime>

#include "model/json_envelope.h"
#include "util/human_bytes.h"

namespace ballast::report {
namespace {

std::string utc(std::time_t t) {
  if (t == 0) return "";
  char buf[32];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

std::string render_cache_info_text(const CacheInfo& info, bool exact) {
  std::string out = "layer cache: " + info.dir + "\n";
  out += "entries:     " + std::to_string(info.summary.entries) + "\n";
  out += "size:        " + format_bytes(info.summary.bytes, exact) + " of at most " +
         format_bytes(info.max_size, exact) + "\n";
  if (info.summary.entries) {
    out += "oldest use:  " + utc(info.summary.oldest) + "\n";
    out += "newest use:  " + utc(info.summary.newest) + "\n";
  }
  return out;
}

nlohmann::json cache_info_to_json(const CacheInfo& info) {
  nlohmann::json doc = model::make_envelope("cache");
  doc["dir"] = info.dir;
  doc["entries"] = info.summary.entries;
  doc["bytes"] = info.summary.bytes;
  doc["max_size"] = info.max_size;
  doc["oldest_use"] = utc(info.summary.oldest);
  doc["newest_use"] = utc(info.summary.newest);
  return doc;
}

std::string render_cache_prune_text(const std::string& dir, const cache::PruneResult& r, bool exact) {
  std::string out = "removed " + std::to_string(r.removed) + " entries (" + format_bytes(r.removed_bytes, exact) +
                    "), kept " + std::to_string(r.kept) + " (" + format_bytes(r.kept_bytes, exact) + ") in " + dir +
                    "\n";
  if (r.temp_removed) out += "removed " + std::to_string(r.temp_removed) + " stale temporary files\n";
  return out;
}

}  // namespace ballast::report
