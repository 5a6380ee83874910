#include "attribution/elf_debug.h"

#include <cstring>

namespace ballast::attribution {
namespace {

class Reader {
 public:
  Reader(std::string_view b, bool little) : b_(b), little_(little) {}
  bool get(std::uint64_t off, unsigned width, std::uint64_t* out) const {
    if (off > b_.size() || width > b_.size() - off) return false;
    std::uint64_t v = 0;
    for (unsigned i = 0; i < width; ++i) {
      std::uint64_t byte = static_cast<unsigned char>(b_[off + (little_ ? width - 1 - i : i)]);
      v = (v << 8) | byte;
    }
    *out = v;
    return true;
  }

 private:
  std::string_view b_;
  bool little_;
};

}  // namespace

bool is_elf(std::string_view b) { return b.size() >= 16 && std::memcmp(b.data(), "\x7f" "ELF", 4) == 0; }

std::optional<ElfDebugInfo> elf_debug_info(std::string_view b) {
  if (!is_elf(b)) return std::nullopt;
  const bool is64 = b[4] == 2;
  if (b[4] != 1 && b[4] != 2) return std::nullopt;
  if (b[5] != 1 && b[5] != 2) return std::nullopt;
  Reader r(b, b[5] == 1);
  // e_shoff, e_shentsize, e_shnum, e_shstrndx (ELF header layout).
  std::uint64_t shoff, shentsize, shnum, shstrndx;
  if (!r.get(is64 ? 0x28 : 0x20, is64 ? 8 : 4, &shoff) || !r.get(is64 ? 0x3a : 0x2e, 2, &shentsize) ||
      !r.get(is64 ? 0x3c : 0x30, 2, &shnum) || !r.get(is64 ? 0x3e : 0x32, 2, &shstrndx))
    return std::nullopt;
  if (shoff == 0 || shnum == 0) return ElfDebugInfo{};
  const std::uint64_t min_entry = is64 ? 64 : 40;
  if (shentsize < min_entry || shnum > 65535 || shstrndx >= shnum) return std::nullopt;
  if (shoff > b.size() || shnum * shentsize > b.size() - shoff) return std::nullopt;
  auto field = [&](std::uint64_t index, unsigned off64, unsigned off32, unsigned w64, unsigned w32,
                   std::uint64_t* out) {
    return r.get(shoff + index * shentsize + (is64 ? off64 : off32), is64 ? w64 : w32, out);
  };
  // sh_name @0 (4), sh_type @4 (4), sh_offset @0x18/0x10, sh_size @0x20/0x14.
  std::uint64_t str_off, str_size;
  if (!field(shstrndx, 0x18, 0x10, 8, 4, &str_off) || !field(shstrndx, 0x20, 0x14, 8, 4, &str_size))
    return std::nullopt;
  if (str_off > b.size() || str_size > b.size() - str_off) return std::nullopt;
  std::string_view names = b.substr(str_off, str_size);
  ElfDebugInfo info;
  for (std::uint64_t i = 0; i < shnum; ++i) {
    std::uint64_t name, type, size;
    if (!field(i, 0, 0, 4, 4, &name) || !field(i, 4, 4, 4, 4, &type) || !field(i, 0x20, 0x14, 8, 4, &size))
      return std::nullopt;
    if (name >= names.size()) continue;
    std::string_view n = names.substr(name);
    n = n.substr(0, n.find('\0'));
    constexpr std::uint64_t kNoBits = 8;  // SHT_NOBITS occupies no file bytes
    if (type == kNoBits) continue;
    if (n.starts_with(".debug_") || n.starts_with(".zdebug_")) info.debug_bytes += size;
    else if (n == ".symtab" || n == ".strtab") info.symtab_bytes += size;
  }
  return info;
}

}  // namespace ballast::attribution
