#include "cache/entry_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>

namespace ballast::cache {
namespace fs = std::filesystem;

namespace {
constexpr std::string_view kTempPrefix = ".tmp.";
constexpr std::time_t kStaleTempSeconds = 3600;
}  // namespace

std::string temp_name(const std::string& final_name) {
  // pid + counter + random: unique across threads and processes (and a pid
  // reused in another PID namespace sharing the folder).
  static std::atomic<unsigned> counter{0};
  static const unsigned salt = std::random_device{}();
  return std::string(kTempPrefix) + final_name + "." + std::to_string(::getpid()) + "." +
         std::to_string(counter.fetch_add(1)) + "." + std::to_string(salt);
}

bool is_temp_name(const std::string& name) { return name.starts_with(kTempPrefix); }

std::vector<EntryFile> list_entries(const fs::path& dir) {
  std::vector<EntryFile> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (is_temp_name(name) || !name.ends_with(".layer")) continue;
    struct stat st {};
    if (::stat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    out.push_back({it->path(), static_cast<std::uint64_t>(st.st_size), st.st_mtime});
  }
  std::sort(out.begin(), out.end(), [](const EntryFile& a, const EntryFile& b) {
    return a.used != b.used ? a.used < b.used : a.path < b.path;
  });
  return out;
}

FolderSummary summarize_entries(const fs::path& dir) {
  FolderSummary s;
  for (const EntryFile& e : list_entries(dir)) {
    if (s.entries == 0) s.oldest = e.used;
    s.newest = e.used;
    ++s.entries;
    s.bytes += e.size;
  }
  return s;
}

PruneResult prune_entries(const fs::path& dir, std::uint64_t max_bytes) {
  PruneResult r;
  std::vector<EntryFile> entries = list_entries(dir);
  std::uint64_t total = 0;
  for (const EntryFile& e : entries) total += e.size;
  for (const EntryFile& e : entries) {
    if (total <= max_bytes) {
      ++r.kept;
      r.kept_bytes += e.size;
      continue;
    }
    total -= e.size;
    if (::unlink(e.path.c_str()) == 0) {
      ++r.removed;
      r.removed_bytes += e.size;
    }
  }
  const std::time_t now = std::time(nullptr);
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!is_temp_name(it->path().filename().string())) continue;
    struct stat st {};
    if (::stat(it->path().c_str(), &st) == 0 && now - st.st_mtime > kStaleTempSeconds &&
        ::unlink(it->path().c_str()) == 0)
      ++r.temp_removed;
  }
  return r;
}

}  // namespace ballast::cache
