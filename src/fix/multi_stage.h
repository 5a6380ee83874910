// What `--multi-stage` (multi_stage.cc) needs to know about a Node build
// (multi_stage_node.cc): where the app directory is, which RUN is the last
// build step, and whether the split is safe at all.
#pragma once

#include <string>
#include <string_view>

#include "fix/pass.h"

namespace ballast::fix {

// A single-stage Node build whose devDependencies reach the final image
// because a build step needs them (BA1018, its --omit=dev fix withheld):
// `npm ci`/`npm install` of package.json's tree, then `npm run build`,
// `npx tsc`, `node build.js` ... in the app directory.
struct NodeBuild {
  int last_build = -1;   // the last RUN that runs npm, npx or node
  std::string app_dir;   // the install's WORKDIR, absolute: the runtime stage gets all of it
  std::string refusal;   // why the split is not safe; "" when it is
};

// `install`: the RUN BA1018 flags.
NodeBuild find_node_build(Pass& pass, const dockerfile::Stage& stage, int install);

// "" when `inv`, a command of a build RUN before the last build step, only
// makes what the builder leaves in the app directory; else why not.
std::string node_build_command_problem(const lint::Invocation& inv, std::string_view app_dir);

// The command appended to the last build RUN: devDependencies out of node_modules.
inline constexpr std::string_view kNpmPrune = "npm prune --omit=dev";

}  // namespace ballast::fix
