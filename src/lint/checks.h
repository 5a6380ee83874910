// The rule families, one function each (one .cc per family). Each reads the
// shared LintInput and reports into the Sink; checks() lists them all so the
// linter runs every family and a new file only adds one line there.
#pragma once

#include <span>

namespace ballast::lint {

struct LintInput;
class Sink;

using Check = void (*)(const LintInput& input, Sink& sink);

void check_apt(const LintInput& input, Sink& sink);              // BA1001-BA1004
void check_pip(const LintInput& input, Sink& sink);              // BA1005, BA1015, BA1016
void check_os_packages(const LintInput& input, Sink& sink);      // BA1006, BA1017
void check_node(const LintInput& input, Sink& sink);             // BA1007, BA1008
void check_later_removal(const LintInput& input, Sink& sink);    // BA1009
void check_recursive_chown(const LintInput& input, Sink& sink);  // BA1010
void check_build_tools(const LintInput& input, Sink& sink);      // BA1011, BA1012
void check_base_variant(const LintInput& input, Sink& sink);     // BA1013
void check_add(const LintInput& input, Sink& sink);              // BA1014, BA4021
void check_copy_order(const LintInput& input, Sink& sink);       // BA2001, BA2002
void check_syntax_directive(const LintInput& input, Sink& sink); // BA2003
void check_run_merge(const LintInput& input, Sink& sink);        // BA2004
void check_cache_mounts(const LintInput& input, Sink& sink);     // BA2005
void check_context(const LintInput& input, Sink& sink);          // BA2006, BA4022
void check_user(const LintInput& input, Sink& sink);             // BA3001, BA3002
void check_secrets(const LintInput& input, Sink& sink);          // BA3003
void check_shell_security(const LintInput& input, Sink& sink);   // BA3004, BA3007
void check_base_image(const LintInput& input, Sink& sink);       // BA3005, BA3006, BA3008
void check_stage_names(const LintInput& input, Sink& sink);      // BA4001-BA4004
void check_instruction_forms(const LintInput& input, Sink& sink);  // BA4005, BA4006, BA4010, BA4011, BA4016, BA4017, BA4020
void check_from_args(const LintInput& input, Sink& sink);        // BA4007, BA4012, BA4013
void check_undefined_var(const LintInput& input, Sink& sink);    // BA4008
void check_workdir(const LintInput& input, Sink& sink);          // BA4009
void check_expose(const LintInput& input, Sink& sink);           // BA4014, BA4015
void check_copy_from(const LintInput& input, Sink& sink);        // BA4018, BA4019

std::span<const Check> checks();

}  // namespace ballast::lint
