// Which context sources a Dockerfile's stages read, as BuildKit's
// dockerfile2llb builds them:
//  - COPY/ADD sources without --from (heredocs, ADD URLs and git sources are
//    not from the context), expanded with the stage's ARG/ENV, relative to the
//    context root, a leading `/` ignored; --exclude patterns (COPY and ADD,
//    expanded too); COPY --parents splits a source at its `/./` pivot into a
//    root and an include pattern (no pivot: the root is the context);
//  - RUN --mount=type=bind without from= (type defaults to bind): source= /
//    src= (default: the whole context), expanded, cleaned like a COPY source,
//    no wildcards. Cache, secret, ssh and tmpfs mounts read no context.
// ONBUILD instructions do not run in this build and are skipped.
#pragma once

#include <vector>

#include "context/context_source.h"
#include "dockerfile/parser.h"
#include "dockerfile/stages.h"

namespace ballast::context {

std::vector<ContextSource> dockerfile_context_sources(const dockerfile::ParsedDockerfile& parsed,
                                                      const dockerfile::StageModel& model);

}  // namespace ballast::context
