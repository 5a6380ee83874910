// SHA-256 through OpenSSL, the one digest ballast computes: blob and layer
// digests ("sha256:<hex>", OCI image-spec descriptor.md "Digests") are checked
// while streaming (Sha256) and made in one go by the image writers (sha256_hex).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace ballast {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(const void* data, std::size_t size);
  // Lower-case hex of the digest of everything updated so far; ends the stream.
  std::string hex_digest();

 private:
  evp_md_ctx_st* ctx_;
};

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace ballast
