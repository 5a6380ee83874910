// What a registry (or its token server) answers, without a server: the
// WWW-Authenticate challenge (image/registry/challenge.h), the token JSON
// (auth.h token_from_answer), a 404's error body and a manifest GET's 200
// answer with its Content-Type (client.h). Input: "<header>\0<body>"; the
// header is both the challenge and the Content-Type.
#include "fuzz_input.h"
#include "image/registry/auth.h"
#include "image/registry/challenge.h"
#include "image/registry/client.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ballast;
  using namespace ballast::image::registry;
  auto parts = fuzz::split_parts(fuzz::as_text(data, size), 2);
  if (parts.size() < 2) parts.emplace_back();
  const std::string& header = parts[0];
  const std::string& body = parts[1];
  fuzz::expect_clean([&] {
    if (auto c = parse_challenge(header)) {
      c->param("realm");
      c->param("service");
    }
  });
  fuzz::expect_clean([&] { token_from_answer(body, "token server"); });
  fuzz::expect_clean([&] { registry_error_code(body); });
  fuzz::expect_clean([&] { manifest_from_answer("latest", body, header, "docker://r/x:latest"); });
  return 0;
}
