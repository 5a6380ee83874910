#include "lint/checks.h"

#include <array>

namespace ballast::lint {

std::span<const Check> checks() {
  static constexpr std::array kChecks = {
      check_apt,           check_pip,          check_os_packages,     check_node,
      check_later_removal, check_recursive_chown, check_build_tools,  check_base_variant,
      check_add,           check_copy_order,   check_syntax_directive, check_run_merge,
      check_cache_mounts,  check_context,      check_user,            check_secrets,
      check_shell_security, check_base_image,  check_stage_names,     check_instruction_forms,
      check_from_args,     check_undefined_var, check_workdir,        check_expose,
      check_copy_from,
  };
  return kChecks;
}

}  // namespace ballast::lint
