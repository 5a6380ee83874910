// An image located and its manifest followed: the config and the layer blobs
// in order, from whichever format it was stored in. Everything after this
// point (reading layers, accounting) is format-independent.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "image/blob_store.h"
#include "image/byte_source.h"
#include "image/image_config.h"
#include "image/image_reference.h"
#include "image/registry/options.h"

namespace ballast::image {

struct LayerBlob {
  ByteSourcePtr source;
  // Digest of the stored bytes when the format states one ("sha256:…"): the
  // OCI descriptor digest, or for docker-archive the diff ID (its layers are
  // stored uncompressed). Empty when unknown.
  std::string digest;
  std::string diff_id;
  std::string media_type;  // as declared; may be empty or wrong
  // The descriptor's string annotations (OCI layouts only), e.g. the eStargz
  // TOC digest (estargz_toc.h).
  std::map<std::string, std::string> annotations;
  // Read from a stream (stdin, the engine): the archive member that held it,
  // links resolved, so a second read of the same archive finds it again.
  std::string member;
};

struct ResolvedImage {
  std::string description;  // "docker-archive:img.tar (app:1.0)"
  std::string name;         // tag or ref name, when the format records one
  std::vector<std::string> archive_tags;  // docker-archive: every RepoTag of manifest.json (what docker load tags)
  ImageConfig config;
  std::vector<LayerBlob> layers;
  std::shared_ptr<BlobStore> store;  // keeps the archive or directory open
  // What was odd but readable (an unknown layer media type), for the report.
  std::vector<std::string> warnings;
};

struct ResolveOptions {
  std::string image_name;  // NAME:TAG (docker-archive) or ref name (oci)
  std::string platform = "linux/amd64";
  registry::Options registry;  // docker:// only
};

ResolvedImage resolve_image(const ImageReference& ref, const ResolveOptions& options);
// Every platform of a multi-platform registry image; for other sources the
// one image resolve_image() gives.
std::vector<ResolvedImage> resolve_all_platforms(const ImageReference& ref, const ResolveOptions& options);

// Format-specific halves (docker_archive.cc, oci_layout.cc).
ResolvedImage resolve_docker_archive(std::shared_ptr<BlobStore> store,
                                     const ResolveOptions& options);
ResolvedImage resolve_oci_layout(std::shared_ptr<BlobStore> store, const ResolveOptions& options);

// "sha256:<64 hex>" -> "blobs/sha256/<hex>"; throws InputError for anything
// that is not a well-formed digest (it becomes a path: no traversal allowed).
std::string blob_path(const std::string& digest, const std::string& where);

// Image names compare after dropping the default registry and adding
// ":latest", so "busybox" matches "docker.io/library/busybox:latest".
std::string normalize_image_name(std::string name);

}  // namespace ballast::image
