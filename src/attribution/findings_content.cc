// Findings that read file contents captured during the single pass:
// secrets (private keys, credentials, .env, .git) and unstripped binaries.
#include <algorithm>
#include <map>
#include <set>

#include "attribution/db_files.h"
#include "attribution/elf_debug.h"
#include "attribution/finding_builder.h"
#include "attribution/path_util.h"
#include "util/human_bytes.h"

namespace ballast::attribution {
namespace {

using image::EntryRef;

bool contains(const std::string& s, std::string_view needle) { return s.find(needle) != std::string::npos; }

// What kind of secret a file is, or nullptr.
const char* secret_kind(std::string_view path, const std::string* contents) {
  std::string_view base = base_name(path);
  if (base == ".env" || (base.starts_with(".env.") && !base.ends_with(".example") && !base.ends_with(".sample") &&
                         !base.ends_with(".template") && !base.ends_with(".dist")))
    return "environment file";
  if ((base == "id_rsa" || base == "id_dsa" || base == "id_ecdsa" || base == "id_ed25519") ) return "SSH private key";
  if (!contents) return nullptr;  // before content_kind(): most files have none captured
  ContentKind k = content_kind(path);
  if (k == ContentKind::kKeyMaterial && contains(*contents, "PRIVATE KEY-----")) return "private key";
  if (k == ContentKind::kCredentialsConfig) {
    if (base == ".npmrc" && (contains(*contents, "_authToken") || contains(*contents, "_auth") ||
                             contains(*contents, "_password")))
      return "npm credentials";
    if (base == ".pypirc" && contains(*contents, "password")) return "PyPI credentials";
    if (base == ".netrc" && contains(*contents, "password")) return "netrc credentials";
    if (base == ".git-credentials" && contains(*contents, "@")) return "git credentials";
    if (base == "config.json" && contains(*contents, "\"auth\"")) return "registry credentials";
    if (base == ".dockercfg" && contains(*contents, "\"auth\"")) return "registry credentials";
  }
  return nullptr;
}

// The ".git" directory a path is inside, if any.
std::string_view git_dir(std::string_view path) {
  std::size_t at = 0;
  while (true) {
    std::size_t pos = path.find(".git", at);
    if (pos == std::string_view::npos) return {};
    bool start = pos == 0 || path[pos - 1] == '/';
    bool end = pos + 4 == path.size() || path[pos + 4] == '/';
    if (start && end) return path.substr(0, pos + 4);
    at = pos + 1;
  }
}

// The layer that hides an entry, or -1 when it is visible.
std::map<std::uint64_t, int> hidden_by(const image::ImageModel& m) {
  std::map<std::uint64_t, int> out;
  for (const auto& r : m.reclaimable)
    out[(static_cast<std::uint64_t>(r.added.layer) << 32) | r.added.entry] = r.shadowed_layer;
  return out;
}

}  // namespace

void find_secrets(const image::ImageModel& m, const Attribution& a, Pending& out) {
  auto hidden = hidden_by(m);
  struct Git {
    std::vector<FindingItem> items;
    std::set<int> hidden_in;
    bool visible = false;
  };
  std::map<std::string, Git> gits;
  for (std::size_t l = 0; l < m.tables.size(); ++l) {
    const auto& t = m.tables[l];
    const auto& entries = t.entries();
    for (std::uint32_t i = 0; i < entries.size(); ++i) {
      const auto& e = entries[i];
      if (e.type != image::EntryType::kFile) continue;
      EntryRef r{static_cast<std::int32_t>(l), i};
      std::string_view path = t.path(e);
      if (std::string_view g = git_dir(path); !g.empty()) {
        // Looked up only here: a map search per entry of the image was a
        // measurable share of a warm diff.
        auto h = hidden.find((static_cast<std::uint64_t>(l) << 32) | i);
        int hidden_layer = h == hidden.end() ? -1 : h->second;
        Git& git = gits[std::string(g)];
        git.items.push_back({r, e.size});
        if (hidden_layer >= 0) git.hidden_in.insert(hidden_layer);
        else git.visible = true;
        continue;
      }
      if (a.owner[l][i] != kUnowned) continue;  // shipped by a package (test keys, examples)
      const char* kind = secret_kind(path, m.captured_contents(r));
      if (!kind) continue;
      auto h = hidden.find((static_cast<std::uint64_t>(l) << 32) | i);
      const int hidden_layer = h == hidden.end() ? -1 : h->second;
      PendingFinding p;
      p.items.push_back({r, e.size});
      p.finding.id = "image.secret";
      p.finding.severity = model::Severity::kError;
      if (hidden_layer >= 0) {
        p.extra_layers.push_back(hidden_layer);
        p.finding.message = std::string(kind) + " /" + std::string(path) + " added by " + layer_name(m, l) +
                            " is deleted by " + layer_name(m, hidden_layer) +
                            " but anyone with the image can extract it from the earlier layer";
      } else {
        p.finding.message = std::string(kind) + " /" + std::string(path) + " is in the image (added by " +
                            layer_name(m, l) + ")";
      }
      p.finding.fix = "Never COPY secrets into a layer: use RUN --mount=type=secret (or --mount=type=ssh) and list "
                      "the file in .dockerignore; deleting it later does not remove it, so rotate the credential";
      out.push_back(std::move(p));
    }
  }
  for (auto& [dir, git] : gits) {
    PendingFinding p;
    p.items = std::move(git.items);
    p.extra_layers.assign(git.hidden_in.begin(), git.hidden_in.end());
    p.fixed_paths.push_back("/" + dir);
    p.finding.id = "image.secret";
    p.finding.severity = model::Severity::kError;
    p.finding.message = "git repository /" + dir + " (history, remotes, maybe credentials) " +
                        (git.visible ? std::string("is in the image")
                                     : "is deleted in a later layer but still extractable from the earlier one");
    p.finding.fix = "Add .git to .dockerignore (and never COPY it); deleting it in a later layer does not remove it";
    out.push_back(std::move(p));
  }
}

void find_unstripped(const image::ImageModel& m, const Attribution& a, Pending& out) {
  PendingFinding p;
  std::uint64_t files = 0;
  for (std::size_t l = 0; l < m.captured.size(); ++l) {
    for (const auto& [index, contents] : m.captured[l]) {
      if (!a.visible[l][index] || !is_elf(contents)) continue;
      auto info = elf_debug_info(contents);
      // Only debug sections make a binary "unstripped" worth reporting; a
      // lone .symtab is small and sometimes wanted for backtraces.
      if (!info || info->debug_bytes == 0) continue;
      p.items.push_back({EntryRef{static_cast<std::int32_t>(l), index}, info->strippable()});
      ++files;
    }
  }
  if (p.items.empty()) return;
  std::uint64_t bytes = 0;
  for (const auto& item : p.items) bytes += item.bytes;
  p.finding.id = "image.unstripped-binaries";
  p.finding.severity = model::Severity::kInfo;
  p.finding.message = std::to_string(files) + " ELF files carry debug sections and symbol tables: " +
                      human_bytes(bytes) + " that strip would remove";
  p.finding.fix = "strip --strip-debug (or --strip-unneeded) them in the RUN that builds or installs them, or "
                  "build with -s / install stripped release builds";
  out.push_back(std::move(p));
}

}  // namespace ballast::attribution
