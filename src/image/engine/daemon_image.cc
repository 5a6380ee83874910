#include "image/engine/daemon_image.h"

#include <nlohmann/json.hpp>

#include <optional>

#include "image/engine/engine_client.h"
#include "image/engine/engine_reference.h"
#include "image/engine/overlay_image.h"
#include "util/error.h"

namespace ballast::image::engine {
namespace {

using nlohmann::json;

// The engine's router takes the name as the rest of the path ({name:.*}),
// slashes included; anything else unusual is percent-encoded.
std::string escape_name(const std::string& name) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : name) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '/' || c == ':' || c == '@' || c == '.' || c == '_' || c == '-';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

struct Inspect {
  std::string id;
  std::vector<std::string> repo_tags;
  std::vector<std::string> diff_ids;
  std::string graph_driver;  // GraphDriver.Name: "overlay2" allows the directory path
};

Inspect parse_inspect(const std::string& body, const std::string& where) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw InputError(where + ": malformed image inspect answer");
  Inspect out;
  if (auto id = j.find("Id"); id != j.end() && id->is_string()) out.id = id->get<std::string>();
  if (out.id.empty()) throw InputError(where + ": image inspect answer without Id");
  if (auto t = j.find("RepoTags"); t != j.end() && t->is_array())
    for (const auto& tag : *t)
      if (tag.is_string()) out.repo_tags.push_back(tag.get<std::string>());
  if (auto r = j.find("RootFS"); r != j.end() && r->is_object())
    if (auto l = r->find("Layers"); l != r->end() && l->is_array())
      for (const auto& d : *l)
        if (d.is_string()) out.diff_ids.push_back(d.get<std::string>());
  if (auto g = j.find("GraphDriver"); g != j.end() && g->is_object())
    if (auto n = g->find("Name"); n != g->end() && n->is_string()) out.graph_driver = n->get<std::string>();
  return out;
}

// The engine's data root (GET /info DockerRootDir), or "" when it does not say.
std::string data_root(EngineClient& client) {
  EngineResponse info = client.get("/info", 4 * 1024 * 1024);
  if (info.status != 200) return {};
  json j = json::parse(info.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return {};
  auto root = j.find("DockerRootDir");
  return root != j.end() && root->is_string() ? root->get<std::string>() : std::string();
}

// The image read from the overlay2 layer directories, when options and the
// engine allow it; nullopt means: read the stream.
std::optional<StreamedImage> read_directories(EngineClient& client, const Inspect& image,
                                              const std::string& shown, const StreamReadOptions& options) {
  if (options.engine_layers == EngineLayers::kStream) return std::nullopt;
  std::string why;
  std::optional<StreamedImage> out;
  if (image.graph_driver != "overlay2") {
    why = "the engine's storage driver is " + (image.graph_driver.empty() ? "not named" : image.graph_driver) +
          ", not overlay2";
  } else if (std::string root = data_root(client); root.empty()) {
    why = "the engine does not say where its data root is";
  } else {
    out = read_overlay_image({root, image.id, image.diff_ids}, shown, options, &why);
  }
  if (!out && options.engine_layers == EngineLayers::kDirectory)
    throw InputError(shown + ": cannot read the engine's layer directories: " + why);
  return out;
}


// The `docker save` stream of the image ID, read as it arrives.
StreamedImage read_stream(EngineClient& client, const Inspect& image, const std::string& shown,
                          const StreamReadOptions& options) {
  StreamReadOptions so = options;
  so.expected_layers = image.diff_ids.size();
  // The stream holds exactly this image (saved by ID): nothing to choose.
  so.resolve.image_name.clear();
  std::unique_ptr<StreamedGet> transfer = client.stream("/images/" + escape_name(image.id) + "/get");
  StreamedImage out;
  try {
    out = read_image_stream(transfer->fd(), shown, so);
  } catch (const InputError&) {
    // A transfer that failed explains a truncated stream better than the tar reader.
    transfer->finish();
    throw;
  }
  transfer->finish();
  if (!image.diff_ids.empty() && out.image.config.diff_ids != image.diff_ids)
    throw InputError(shown + ": the engine's layers changed while reading (" + image.id + ")");
  return out;
}

}  // namespace

StreamedImage read_daemon_image(const std::string& reference, bool implicit,
                                const StreamReadOptions& options) {
  const std::string shown = implicit ? reference : "docker-daemon:" + reference;
  if (reference.empty() || !is_engine_reference(reference))
    throw InputError(shown + ": not an image name or ID");
  EngineClient client(find_engine_endpoint(environment_from_process()));
  const std::string& socket = client.endpoint().socket_path;

  EngineResponse inspect;
  try {
    inspect = client.get("/images/" + escape_name(reference) + "/json", 16 * 1024 * 1024);
  } catch (const EngineUnavailable& e) {
    if (implicit)
      throw InputError(reference + ": no such file and no engine at " + socket + " (" + e.reason() + ")");
    throw InputError(shown + ": " + e.what());
  }
  if (inspect.status == 404)
    throw InputError(implicit ? reference + ": no such file, and no such image in the engine at " + socket
                              : shown + ": no such image in the engine at " + socket);
  if (inspect.status != 200)
    throw InputError(shown + ": engine at " + socket + ": " + EngineClient::error_message(inspect));
  Inspect image = parse_inspect(inspect.body, shown);

  StreamedImage out;
  if (auto direct = read_directories(client, image, shown, options)) {
    out = std::move(*direct);
  } else {
    out = read_stream(client, image, shown, options);
  }
  out.image.description = shown;
  if (!is_image_id(reference))
    out.image.name = reference;
  else if (!image.repo_tags.empty())
    out.image.name = image.repo_tags.front();
  else
    out.image.name.clear();
  return out;
}

}  // namespace ballast::image::engine
