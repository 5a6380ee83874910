#include "history/git_head.h"

#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

namespace ballast::history {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> first_line(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

bool is_object_id(const std::string& s) {
  if (s.size() != 40 && s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// The git directory of the checkout holding `dir`, searching upward.
std::optional<fs::path> git_dir(fs::path dir) {
  std::error_code ec;
  dir = fs::absolute(dir, ec);
  for (; !dir.empty(); dir = dir.parent_path()) {
    const fs::path dot_git = dir / ".git";
    if (fs::is_directory(dot_git, ec)) return dot_git;
    if (fs::is_regular_file(dot_git, ec)) {
      // A worktree or submodule: "gitdir: PATH", relative to the file's directory.
      const auto line = first_line(dot_git);
      if (!line || !line->starts_with("gitdir: ")) return std::nullopt;
      fs::path target = line->substr(8);
      return target.is_absolute() ? target : dir / target;
    }
    if (dir == dir.root_path()) break;
  }
  return std::nullopt;
}

std::string resolve_ref(const fs::path& git, const fs::path& common, const std::string& ref,
                        int depth) {
  if (depth > 5) return "";
  for (const fs::path& base : {git, common}) {
    if (const auto line = first_line(base / ref)) {
      if (is_object_id(*line)) return *line;
      if (line->starts_with("ref: ")) return resolve_ref(git, common, line->substr(5), depth + 1);
    }
  }
  // packed-refs: "<id> <refname>" lines, "^<id>" peel lines, "#" header.
  std::ifstream packed(common / "packed-refs");
  std::string line;
  while (std::getline(packed, line)) {
    const std::size_t space = line.find(' ');
    if (space == std::string::npos || line[0] == '#' || line[0] == '^') continue;
    if (line.compare(space + 1, std::string::npos, ref) == 0 && is_object_id(line.substr(0, space)))
      return line.substr(0, space);
  }
  return "";
}

}  // namespace

std::string git_head(const fs::path& dir) {
  const auto git = git_dir(dir);
  if (!git) return "";
  fs::path common = *git;
  if (const auto line = first_line(*git / "commondir")) {
    const fs::path c = *line;
    common = c.is_absolute() ? c : *git / c;
  }
  const auto head = first_line(*git / "HEAD");
  if (!head) return "";
  if (is_object_id(*head)) return *head;  // detached
  if (head->starts_with("ref: ")) return resolve_ref(*git, common, head->substr(5), 0);
  return "";
}

}  // namespace ballast::history
