// BA2006 (no .dockerignore while the context holds .git/node_modules/venv),
// BA4022 (a COPY/ADD/RUN --mount source .dockerignore excludes: BuildKit's
// CopyIgnoredFile, but decided on the walked tree, so `docs` + `!docs/x`
// still copies docs/x) and BA4023 (a source missing from the context). All
// need ContextInfo from src/context/; silent without it. A Dockerfile read
// from stdin gets the pattern-only BA4022 of plain COPY/ADD sources.
#include <string>

#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {

void check_context(const LintInput& input, Sink& sink) {
  const ContextInfo* ctx = input.context;
  if (!ctx) return;
  if (!ctx->has_dockerignore && !ctx->heavy_entries.empty() && !input.parsed.instructions.empty()) {
    sink.report("BA2006", input.parsed.instructions.front(),
                "no .dockerignore while the context holds " + join(ctx->heavy_entries, ", "),
                "add a .dockerignore listing " + join(ctx->heavy_entries, ", "));
  }
  const std::string& file = input.parsed.filename;
  if (ctx->source_problems && !file.empty() && file != "-" && file != "<stdin>") {
    for (const auto& p : ctx->source_problems(file)) {
      for (const auto& inst : input.parsed.instructions) {
        if (inst.start_line != p.line) continue;
        sink.report(p.excluded ? "BA4022" : "BA4023", inst, p.message, p.fix);
        break;
      }
    }
    return;
  }
  if (!ctx->is_excluded) return;
  for (std::size_t i = 0; i < input.parsed.instructions.size(); ++i) {
    const auto& inst = input.parsed.instructions[i];
    if ((inst.keyword != "copy" && inst.keyword != "add") || !inst.heredocs.empty() ||
        dockerfile::flag_value(inst, "from")) {
      continue;
    }
    for (const auto& src : input.copy_sources(static_cast<int>(i))) {
      if (src.find_first_of("*?[$") != std::string::npos || src.starts_with("http")) continue;
      std::string path = normalise_path(src);
      while (path.starts_with('/')) path.erase(0, 1);
      if (path.empty() || path == ".") continue;
      if (ctx->is_excluded(path)) {
        std::string cmd = inst.keyword == "copy" ? "Copy" : "Add";
        sink.report("BA4022", inst, "Attempting to " + cmd + " file \"" + src + "\" that is excluded by .dockerignore",
                    "remove it from .dockerignore or from the " + to_lower(inst.keyword_raw) + " sources");
      }
    }
  }
}

}  // namespace ballast::lint
