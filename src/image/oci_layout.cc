// OCI image layout (image-spec image-layout.md): index.json points at
// manifests or nested indexes (multi-platform); a manifest names the config
// and the layer blobs with their media types and digests. The tag is the
// org.opencontainers.image.ref.name annotation of a top-level descriptor.
#include <nlohmann/json.hpp>

#include <set>

#include "image/blob_reader.h"
#include "image/descriptor.h"
#include "image/image_choice.h"
#include "image/platform.h"
#include "image/resolved_image.h"
#include "util/bounded_json.h"
#include "util/error.h"
#include "util/quoted_excerpt.h"
#include "util/sha256.h"

namespace ballast::image {
namespace {

using nlohmann::json;

constexpr const char* kRefName = "org.opencontainers.image.ref.name";
constexpr const char* kContainerdName = "io.containerd.image.name";

// The bytes of the blob a descriptor names, checked against its size and
// digest: documents are small, so they are always checked.
std::string read_described(const BlobStore& store, const json& descriptor, const std::string& where) {
  std::string digest = descriptor_digest(descriptor, where);
  std::uint64_t size = descriptor_size(descriptor, where);
  std::string path = blob_path(digest, where);
  ByteSourcePtr blob = store.open(path);
  check_blob_size(size, blob->size(), store.name() + ":" + path);
  std::string bytes = read_all(*blob, kMaxJsonBytes);
  if (digest.starts_with("sha256:") && sha256_hex(bytes) != digest.substr(7))
    throw InputError(store.name() + ":" + path + ": digest mismatch (the document's sha256 is " +
                     sha256_hex(bytes) + ")");
  return bytes;
}

json parse_blob_json(const BlobStore& store, const json& descriptor, const std::string& where) {
  std::string path = blob_path(descriptor_digest(descriptor, where), where);
  json j = parse_bounded_json(read_described(store, descriptor, where), store.name() + ":" + path);
  if (j.is_discarded() || !j.is_object())
    throw InputError(store.name() + ":" + path + ": malformed JSON");
  return j;
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string annotation(const json& descriptor, const char* key) {
  auto a = descriptor.find("annotations");
  return a != descriptor.end() && a->is_object() ? str(*a, key) : std::string();
}

bool is_index(const json& descriptor, const json& doc) {
  std::string mt = str(descriptor, "mediaType");
  if (mt.empty()) mt = str(doc, "mediaType");
  if (mt == "application/vnd.oci.image.index.v1+json" ||
      mt == "application/vnd.docker.distribution.manifest.list.v2+json")
    return true;
  return doc.contains("manifests") && !doc.contains("layers");
}

struct Candidate {
  json descriptor;
  json manifest;
  bool has_platform = false;
  Platform platform;
};

// Collects the image manifests reachable from a descriptor, through nested
// indexes; attestation manifests (buildx's unknown/unknown) are not images.
void collect(const BlobStore& store, const json& descriptor, int depth,
             std::vector<Candidate>* out) {
  if (depth > 8) throw InputError(store.name() + ": index nesting too deep");
  std::string where = store.name() + ":index.json";
  std::string path = blob_path(descriptor_digest(descriptor, where), where);
  descriptor_media_type(descriptor, where);
  json doc = parse_blob_json(store, descriptor, where);
  if (is_index(descriptor, doc)) {
    auto m = doc.find("manifests");
    if (m == doc.end() || !m->is_array()) throw InputError(store.name() + ":" + path + ": no manifests");
    for (const auto& d : *m) {
      if (!d.is_object()) throw InputError(store.name() + ":" + path + ": malformed descriptor");
      collect(store, d, depth + 1, out);
    }
    return;
  }
  if (annotation(descriptor, "vnd.docker.reference.type") == "attestation-manifest") return;
  Candidate c;
  c.descriptor = descriptor;
  c.manifest = std::move(doc);
  c.platform = descriptor_platform(descriptor, store.name() + ":" + path, &c.has_platform);
  if (c.has_platform && c.platform.os == "unknown") return;
  out->push_back(std::move(c));
}

std::vector<std::string> name_list(const json& manifests) {
  std::vector<std::string> out;
  for (const auto& d : manifests) {
    std::string n = annotation(d, kRefName);
    if (n.empty()) n = annotation(d, kContainerdName);
    out.push_back(n.empty() ? std::string("(untagged)") : n);
  }
  return out;
}

std::string names_of(const json& manifests) {
  std::string out;
  for (const auto& n : name_list(manifests)) out += (out.empty() ? "" : ", ") + n;
  return out;
}

bool name_matches(const json& descriptor, const std::string& wanted) {
  std::string ref = annotation(descriptor, kRefName);
  std::string full = annotation(descriptor, kContainerdName);
  if (!ref.empty() && ref == wanted) return true;
  if (!full.empty() && normalize_image_name(full) == normalize_image_name(wanted)) return true;
  // Docker >= 25 writes the tag alone ("1.0") as ref.name, the full name elsewhere.
  return !ref.empty() && !full.empty() && normalize_image_name(wanted) == normalize_image_name(full);
}

}  // namespace

ResolvedImage resolve_oci_layout(std::shared_ptr<BlobStore> store, const ResolveOptions& options) {
  const std::string where = store->name() + ":index.json";
  json index = parse_bounded_json(read_all(*store->open("index.json"), kMaxJsonBytes), where);
  if (index.is_discarded() || !index.is_object())
    throw InputError(where + ": malformed JSON");
  auto manifests = index.find("manifests");
  if (manifests == index.end() || !manifests->is_array() || manifests->empty())
    throw InputError(where + ": no manifests");

  // Choose the top-level descriptor: by name, or the only one.
  const json* top = nullptr;
  if (!options.image_name.empty()) {
    for (const auto& d : *manifests)
      if (d.is_object() && name_matches(d, options.image_name)) top = &d;
    if (!top)
      throw InputError(store->name() + ": no image named " + options.image_name +
                       " (present: " + names_of(*manifests) + ")");
  }

  std::vector<Candidate> candidates;
  if (top) {
    collect(*store, *top, 0, &candidates);
  } else {
    for (const auto& d : *manifests) {
      if (!d.is_object()) throw InputError(where + ": malformed descriptor");
      collect(*store, d, 0, &candidates);
    }
    std::set<std::string> distinct_names;
    for (const auto& d : *manifests) distinct_names.insert(annotation(d, kRefName));
    if (manifests->size() > 1 && distinct_names.size() > 1 && candidates.size() > 1) {
      // Several named images (not platform variants of one): ambiguous.
      bool all_have_platforms = true;
      for (const auto& c : candidates) all_have_platforms = all_have_platforms && c.has_platform;
      if (!all_have_platforms)
        throw ImageChoiceError(store->name(), ":TAG", name_list(*manifests));
    }
  }
  if (candidates.empty()) throw InputError(where + ": no image manifest found");

  Candidate* chosen = &candidates.front();
  ImageConfig config;
  std::string config_where;
  auto load_config = [&](const Candidate& c) {
    auto cfg = c.manifest.find("config");
    if (cfg == c.manifest.end() || !cfg->is_object())
      throw InputError(store->name() + ": manifest without config");
    std::string path = blob_path(descriptor_digest(*cfg, where), where);
    config_where = store->name() + ":" + path;
    return parse_image_config(read_described(*store, *cfg, where), config_where);
  };
  if (candidates.size() > 1) {
    Platform wanted = parse_platform(options.platform);
    chosen = nullptr;
    std::string present;
    for (auto& c : candidates) {
      if (!c.has_platform) {
        ImageConfig cfg = load_config(c);
        c.platform = Platform{cfg.os, cfg.architecture, cfg.variant};
      }
      present += (present.empty() ? "" : ", ") + to_string(c.platform);
      if (!chosen && platform_matches(wanted, c.platform)) chosen = &c;
    }
    if (!chosen)
      throw InputError(store->name() + ": no image for platform " + options.platform +
                       " (present: " + present + ")");
  }
  config = load_config(*chosen);

  ResolvedImage image;
  image.name = top ? options.image_name : annotation(manifests->at(0), kRefName);
  if (!top && manifests->size() == 1) {
    std::string full = annotation(manifests->at(0), kContainerdName);
    if (!full.empty()) image.name = full;
  }
  image.config = std::move(config);
  auto layers = chosen->manifest.find("layers");
  if (layers == chosen->manifest.end() || !layers->is_array())
    throw InputError(config_where + ": manifest without layers");
  const auto& diff_ids = image.config.diff_ids;
  for (std::size_t i = 0; i < layers->size(); ++i) {
    const json& d = (*layers)[i];
    if (!d.is_object()) throw InputError(where + ": malformed layer descriptor");
    LayerBlob blob;
    const std::string layer_where = config_where + ": layer " + std::to_string(i);
    blob.digest = descriptor_digest(d, layer_where);
    blob.media_type = descriptor_media_type(d, layer_where);
    std::uint64_t size = descriptor_size(d, layer_where);
    std::string path = blob_path(blob.digest, where);
    blob.source = store->open(path);
    check_blob_size(size, blob.source->size(), store->name() + ":" + path);
    if (!blob.media_type.empty() && !is_known_layer_media_type(blob.media_type))
      image.warnings.push_back("layer " + std::to_string(i) + ": unknown media type " +
                               quoted_excerpt(blob.media_type) + " (read as " +
                               std::string(to_string(sniff_compression(*blob.source))) + ", sniffed)");
    if (i < diff_ids.size()) blob.diff_id = diff_ids[i];
    if (auto a = d.find("annotations"); a != d.end() && a->is_object())
      for (const auto& [key, value] : a->items())
        if (value.is_string()) blob.annotations.emplace(key, value.get<std::string>());
    image.layers.push_back(std::move(blob));
  }
  if (!diff_ids.empty() && diff_ids.size() != image.layers.size())
    throw InputError(config_where + ": " + std::to_string(image.layers.size()) +
                     " layers but " + std::to_string(diff_ids.size()) + " diff_ids");
  image.store = std::move(store);
  return image;
}

}  // namespace ballast::image
