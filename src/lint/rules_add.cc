// BA1014 (ADD of a URL or local tar archive) and BA4021 (ADD of plain files).
// ADD downloads URLs and auto-extracts local tar archives (plain, gzip, bzip2,
// xz or zstd compressed; BuildKit looks at the content, not the name) into one
// layer that no later RUN can shrink; for plain files it is COPY with
// surprises (hadolint DL3020), so COPY is the instruction to use. A `.gz`,
// `.bz2`, `.xz` or `.zst` name may hold a tar (then ADD extracts it, which COPY
// cannot), so neither rule fires on it; `.zip` is never extracted.
#include <array>
#include <string>

#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

bool is_url(std::string_view src) {
  return src.starts_with("http://") || src.starts_with("https://") || src.starts_with("git@") ||
         src.starts_with("git://");
}

bool is_archive(std::string_view src) {
  std::string lower = to_lower(src);
  static constexpr std::array<std::string_view, 10> kExt = {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz",
                                                            ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tar.lz"};
  for (std::string_view ext : kExt) {
    if (lower.ends_with(ext)) return true;
  }
  return false;
}

// A compressed file that is a tar archive when its content says so.
bool maybe_archive(std::string_view src) {
  std::string lower = to_lower(src);
  for (std::string_view ext : {".gz", ".bz2", ".xz", ".zst", ".lz4"}) {
    if (lower.ends_with(ext)) return true;
  }
  return false;
}

}  // namespace

void check_add(const LintInput& input, Sink& sink) {
  for (std::size_t i = 0; i < input.parsed.instructions.size(); ++i) {
    const auto& inst = input.parsed.instructions[i];
    if (inst.keyword != "add" || !inst.heredocs.empty() || input.stage_of[i] < 0) continue;
    int index = static_cast<int>(i);
    bool plain = true;
    for (const auto& src : input.copy_sources(index)) {
      if (is_url(src)) {
        plain = false;
        if (input.in_final(index)) {
          sink.report("BA1014", inst, "ADD " + src + ": the download stays in its own layer",
                      "fetch, extract and clean in one RUN (`RUN curl -fsSL ... | tar -x ...`), or fetch in a "
                      "builder stage");
        }
      } else if (maybe_archive(src) && !is_archive(src)) {
        plain = false;
      } else if (src.find('$') != std::string::npos) {
        plain = false;  // unknown until build time
      } else if (is_archive(src)) {
        plain = false;
        if (input.in_final(index)) {
          sink.report("BA1014", inst, "ADD " + src + " auto-extracts the whole archive into one layer",
                      "extract in a builder stage and COPY --from only what the image needs");
        }
      }
    }
    if (plain) {
      sink.report("BA4021", inst, {}, with_word(inst, 0, "COPY"));
    }
  }
}

}  // namespace ballast::lint
