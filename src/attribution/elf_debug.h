// How many bytes `strip` would remove from an ELF file: the sizes of its
// .symtab, .strtab and debug sections (.debug_*, .zdebug_*), read from the
// section header table (ELF gABI, "Sections"; 32- and 64-bit, either byte
// order). Bounds-checked: a truncated or hostile file yields nullopt.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ballast::attribution {

bool is_elf(std::string_view bytes);

struct ElfDebugInfo {
  std::uint64_t debug_bytes = 0;   // .debug_* / .zdebug_*
  std::uint64_t symtab_bytes = 0;  // .symtab + .strtab
  std::uint64_t strippable() const { return debug_bytes + symtab_bytes; }
};

std::optional<ElfDebugInfo> elf_debug_info(std::string_view bytes);

}  // namespace ballast::attribution
