#include "slim/write_pass_input.h"

#include <stdexcept>

#include "image/engine/saved_layers.h"
#include "util/error.h"
#include "util/sha256.h"

namespace ballast::slim {
namespace {

std::string hex_of(const std::string& digest) {
  return digest.starts_with("sha256:") ? digest.substr(7) : std::string();
}

// The engine's image again, pinned by the ID the analysis read (the
// config's sha256), its layers from the save stream of that ID.
image::ResolvedImage engine_image(const image::ImageReference& ref, const image::ImageModel& m) {
  const std::string id = "sha256:" + sha256_hex(m.config.json);
  const std::string shown = ref.implicit ? ref.engine_ref : "docker-daemon:" + ref.engine_ref;
  image::engine::SavedLayers saved(id, shown);
  image::ResolvedImage out;
  out.description = m.description;
  out.name = m.name;
  out.config = m.config;
  for (const image::LayerSummary& l : m.layers) {
    if (l.member.empty()) throw std::logic_error(shown + ": layer " + std::to_string(l.index) + " read from no member");
    // The digest docker-archive states is the diff ID, which only uncompressed bytes match.
    const bool checkable = !l.digest.empty() && (l.digest != l.diff_id || l.compression == image::Compression::kNone);
    image::LayerBlob b;
    b.source = saved.layer(l.member, l.stored_size, checkable ? hex_of(l.digest) : std::string());
    b.digest = l.digest;
    b.diff_id = l.diff_id;
    b.media_type = l.media_type;
    b.member = l.member;
    out.layers.push_back(std::move(b));
  }
  return out;
}

}  // namespace

analysis::AnalyzeRequest analysis_pass_request(const image::ImageReference& ref, analysis::AnalyzeRequest request) {
  if (ref.transport == image::Transport::kStdin)
    throw InputError("ballast slim reads each layer twice, so it cannot read an image from standard input",
                     "save it to a file first, or name the engine's image (docker-daemon:NAME)");
  if (ref.transport == image::Transport::kDockerDaemon) {
    if (request.engine_layers == image::EngineLayers::kDirectory)
      throw InputError("ballast slim reads the engine's image as its save stream, not its layer directories");
    request.engine_layers = image::EngineLayers::kStream;
  }
  return request;
}

WritePassInput open_write_pass_input(const image::ImageReference& ref, const analysis::AnalyzeRequest& request,
                                     const image::ImageModel& analyzed) {
  WritePassInput in;
  if (ref.transport == image::Transport::kDockerDaemon) {
    in.image = engine_image(ref, analyzed);
    in.one_reader = true;
    return in;
  }
  in.image = image::resolve_image(ref, analysis::resolve_options(request));
  // A tag moved in the registry (or a file replaced) between the two reads.
  if (in.image.config.json != analyzed.config.json)
    throw InputError(in.image.description + ": the image changed since it was analyzed (config sha256:" +
                     sha256_hex(in.image.config.json) + ", analyzed sha256:" + sha256_hex(analyzed.config.json) + ")");
  if (in.image.layers.size() != analyzed.layers.size())
    throw InputError(in.image.description + ": the image changed since it was analyzed (layer count)");
  return in;
}

}  // namespace ballast::slim
