#include "slim/loadable_image.h"

#include "util/error.h"

namespace ballast::slim {

OutputImage loadable_image(const image::ResolvedImage& image) {
  OutputImage out;
  out.config_json = image.config.json;
  for (const auto& l : image.layers) {
    if (l.digest.empty() || !l.member.empty())
      throw InputError(image.description + ": a layer states no digest, so it cannot be streamed into docker load");
    // The media type as stored; write_docker_archive_to only copies it into
    // the OCI manifest beside manifest.json, and docker load sniffs each
    // layer's compression itself.
    const std::string media_type = l.media_type.empty() ? layer_media_type(*l.source) : l.media_type;
    out.layers.push_back(OutputBlob{l.digest, l.source->size(), media_type, l.source});
  }
  return out;
}

}  // namespace ballast::slim
