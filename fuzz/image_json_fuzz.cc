// Manifests, indexes and configs: docker-archive (manifest.json) and OCI
// layouts (index.json, nested indexes, image manifests) resolved from an
// in-memory store, plus the config parser on its own.
//
// Input: "<top document>\0<every other blob>". The top document is
// manifest.json or index.json (by the first byte's low bit); any blob the
// resolver asks for (config, nested manifest, layer) is the second part.
#include <map>
#include <memory>

#include "fuzz_input.h"
#include "image/blob_store.h"
#include "image/byte_source.h"
#include "image/image_config.h"
#include "image/resolved_image.h"

namespace {

using namespace ballast;

class FuzzStore : public image::BlobStore {
 public:
  FuzzStore(std::string top_name, std::string top, std::string blob)
      : top_name_(std::move(top_name)), top_(std::move(top)), blob_(std::move(blob)) {}
  bool exists(const std::string& path) const override { return path != "missing"; }
  image::ByteSourcePtr open(const std::string& path) const override {
    if (path == top_name_) return image::memory_source(top_, path);
    if (path == "oci-layout") return image::memory_source(R"({"imageLayoutVersion":"1.0.0"})", path);
    return image::memory_source(blob_, path);
  }
  const std::string& name() const override { return name_; }

 private:
  std::string top_name_, top_, blob_;
  std::string name_ = "fuzz-store";
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool oci = data[0] & 1;
  auto parts = fuzz::split_parts(fuzz::as_text(data + 1, size - 1), 2);
  if (parts.size() < 2) parts.emplace_back();
  fuzz::expect_clean([&] { image::parse_image_config(parts[0], "config.json"); });
  auto store = std::make_shared<FuzzStore>(oci ? "index.json" : "manifest.json", parts[0], parts[1]);
  image::ResolveOptions options;
  if (data[0] & 2) options.image_name = "app:1.0";
  if (data[0] & 4) options.platform = "linux/arm64/v8";
  fuzz::expect_clean([&] {
    if (oci)
      image::resolve_oci_layout(store, options);
    else
      image::resolve_docker_archive(store, options);
  });
  return 0;
}
