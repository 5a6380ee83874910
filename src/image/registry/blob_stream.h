// A layer blob read straight from the registry as a ByteSource: one GET,
// consumed as the layer reader asks for bytes (libcurl's multi interface,
// paused while the reader is busy), so nothing is written to disk and memory
// holds at most a few MiB per stream. It is not seekable: the reader streams
// it once, hashing as it goes. A read elsewhere than where the stream is
// (an eStargz footer) is a new request with Range. A dropped connection,
// 429 or 5xx is retried with backoff, resuming with `Range: bytes=N-`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "image/byte_source.h"

namespace ballast::image::registry {

class Client;

// `size` is the descriptor's: reads stop there (the digest check then
// catches a blob that is not what the manifest says).
ByteSourcePtr open_blob_stream(std::shared_ptr<Client> client, std::string digest, std::uint64_t size);

}  // namespace ballast::image::registry
