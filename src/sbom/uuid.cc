#include "sbom/uuid.h"

#include <openssl/evp.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

namespace ballast::sbom {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string uuid_v5(std::string_view name_space, std::string_view name) {
  std::vector<unsigned char> input;
  for (std::size_t i = 0; i < name_space.size(); ++i) {
    if (name_space[i] == '-') continue;
    int hi = hex_value(name_space[i]), lo = i + 1 < name_space.size() ? hex_value(name_space[i + 1]) : -1;
    if (hi < 0 || lo < 0) throw std::logic_error("uuid_v5: bad namespace");
    input.push_back(static_cast<unsigned char>(hi * 16 + lo));
    ++i;
  }
  if (input.size() != 16) throw std::logic_error("uuid_v5: bad namespace");
  input.insert(input.end(), name.begin(), name.end());
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(input.data(), input.size(), md, &len, EVP_sha1(), nullptr) != 1 || len < 16)
    throw std::runtime_error("SHA-1 failed");
  md[6] = static_cast<unsigned char>((md[6] & 0x0f) | 0x50);  // version 5
  md[8] = static_cast<unsigned char>((md[8] & 0x3f) | 0x80);  // the RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

}  // namespace ballast::sbom
