#include "fix/context_change.h"

#include <sys/stat.h>

#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>

#include "context/analysis.h"
#include "context/matcher.h"
#include "context/walker.h"
#include "util/error.h"

namespace ballast::fix {
namespace fs = std::filesystem;
namespace {

context::ContextTree walk(const fs::path& context, const fs::path& dockerfile) {
  std::string ignore = context::find_ignore_file(context.string(), dockerfile.string());
  context::Matcher matcher;
  if (!ignore.empty()) {
    std::ifstream in(ignore, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    matcher = context::Matcher::from_file_content(text.str(), ignore);
  }
  return context::walk_context(context.string(), matcher, context::Engine::kBuildKit, 1);
}

// The Dockerfile's path relative to the context, "" when it is outside.
std::string relative_dockerfile(const fs::path& context, const fs::path& dockerfile) {
  std::error_code ec;
  fs::path rel = fs::relative(fs::absolute(dockerfile, ec), fs::absolute(context, ec), ec);
  if (ec || rel.empty() || rel.string().starts_with("..")) return "";
  return rel.generic_string();
}

}  // namespace

std::string warm_change_suffix() {
  // A newline and eight lines of 0-15 spaces: 32 random bits of blank text,
  // harmless at the end of any source file. The engine's build cache keeps
  // an earlier run's warm rebuild; the same change again (one newline, say)
  // would hit it and time a rebuild that did nothing.
  std::random_device rd;
  std::uint32_t bits = rd();
  std::string s = "\n";
  for (int i = 0; i < 8; ++i, bits >>= 4) s += std::string(bits & 0xf, ' ') + "\n";
  return s;
}

std::optional<std::string> read_context_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::optional<std::string> pick_changed_file(const fs::path& context, const fs::path& dockerfile) {
  context::ContextTree tree = walk(context, dockerfile);
  std::string skip = relative_dockerfile(context, dockerfile);
  std::optional<std::string> best;
  struct timespec best_time {};
  for (const auto& e : tree.entries) {
    if (e.type != context::EntryType::kFile || !e.sent) continue;
    std::string path(tree.path(e));
    if (path == skip || path == ".dockerignore" || path.ends_with(".dockerignore")) continue;
    struct stat st {};
    if (::lstat((context / path).c_str(), &st) != 0) continue;
    // Newest wins; the first in walk order on a tie (deterministic).
    if (!best || st.st_mtim.tv_sec > best_time.tv_sec ||
        (st.st_mtim.tv_sec == best_time.tv_sec && st.st_mtim.tv_nsec > best_time.tv_nsec)) {
      best = path;
      best_time = st.st_mtim;
    }
  }
  return best;
}

void copy_context(const fs::path& context, const fs::path& dockerfile, const fs::path& dest,
                  const std::map<std::string, std::string>& replaced, const std::optional<std::string>& changed) {
  context::ContextTree tree = walk(context, dockerfile);
  for (const auto& e : tree.entries) {
    if (!e.sent) continue;
    fs::path from = context / std::string(tree.path(e));
    fs::path to = dest / std::string(tree.path(e));
    std::error_code ec;
    switch (e.type) {
      case context::EntryType::kDir:
        fs::create_directories(to, ec);
        break;
      case context::EntryType::kSymlink:
        fs::create_directories(to.parent_path(), ec);
        fs::copy_symlink(from, to, ec);
        break;
      case context::EntryType::kFile:
        fs::create_directories(to.parent_path(), ec);
        if (auto it = replaced.find(std::string(tree.path(e))); it != replaced.end()) {
          std::ofstream out(to, std::ios::binary | std::ios::trunc);
          out << it->second;
          if (!out) throw InputError("writing " + it->first + " in the context copy: write failed");
          break;
        }
        fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
        break;
      case context::EntryType::kOther:
        continue;  // sockets, fifos: the engine skips them too
    }
    if (ec) throw InputError("copying the context for a build: " + from.string() + ": " + ec.message());
  }
  // The root .dockerignore decides what the copy sends, as it did for the
  // original (a Dockerfile-specific one stays beside the Dockerfile).
  if (std::error_code ec; fs::is_regular_file(context / ".dockerignore", ec)) {
    fs::copy_file(context / ".dockerignore", dest / ".dockerignore", fs::copy_options::overwrite_existing, ec);
  }
  if (!changed) return;
  std::ofstream out(dest / *changed, std::ios::binary | std::ios::app);
  out << warm_change_suffix();
  if (!out) throw InputError("changing " + *changed + " in the context copy: write failed");
}

}  // namespace ballast::fix
