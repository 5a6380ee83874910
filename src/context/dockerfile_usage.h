// How a Dockerfile uses the build context: which context sources (COPY/ADD
// sources and RUN --mount=type=bind of the context, dockerfile_sources.h)
// reach which sent files, which sources are excluded or missing (the build
// fails: "not found") or, for a wildcard, empty (copies nothing, no error),
// which sent files nothing can reach (candidates for .dockerignore), and for a
// changed path which instructions of which stages lose their cache (the first
// instruction with a source reaching it and everything after, plus stages
// building on an invalidated stage). COPY --from sources come from another
// stage or image and are skipped; ADD URLs and heredoc sources too.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "context/analysis.h"
#include "context/matcher.h"
#include "context/tree_stats.h"
#include "dockerfile/parser.h"
#include "dockerfile/stages.h"

namespace ballast::context {

// Fills report.copy_sources, unreachable*, invalidations and appends the
// source findings (report.dockerfile and report.ignore_file name them).
// named (optional): one byte per tree entry, 1 for a sent entry that some
// source other than a plain whole-context copy (`COPY . /app`) reads, so
// excluding it would change or break what that instruction gets.
void analyze_dockerfile_usage(const ContextTree& tree, const TreeStats& stats, const Matcher& matcher,
                              const dockerfile::ParsedDockerfile& parsed, const dockerfile::StageModel& model,
                              const ContextOptions& options, ContextReport& report,
                              std::vector<std::uint8_t>* named = nullptr);

}  // namespace ballast::context
