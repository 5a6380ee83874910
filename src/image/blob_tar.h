// A libarchive tar reader fed by a BlobReader: the one way a layer's tar is
// walked, by the analysis (layer_reader) and by slim's second pass
// (layer_squasher), so both see the same entries in the same order and word
// a damaged stream the same way.
#pragma once

#include <archive.h>

#include <memory>
#include <string>

#include "image/blob_reader.h"
#include "util/error.h"

namespace ballast::image {

class BlobTar {
 public:
  // Opens the tar (an empty stream is an empty layer); throws InputError
  // naming the blob when the stream is not a tar.
  explicit BlobTar(BlobReader& reader, std::string name);
  BlobTar(const BlobTar&) = delete;
  BlobTar& operator=(const BlobTar&) = delete;

  struct archive* get() const { return archive_.get(); }
  // Frees the archive now: before the reader's finish() reads what is left
  // of the blob, libarchive must be done with the reader's buffers.
  void close() { archive_.reset(); }

  // The error to throw for `what` going wrong: the blob reader's own message
  // when it failed (a truncated gzip names the blob already), else
  // "NAME: what".
  InputError fail(const std::string& what) const;
  // libarchive's text for the last error on this archive.
  std::string archive_error() const;

 private:
  struct Callbacks {
    BlobReader* reader;
    std::string error;  // what the reader threw inside a callback
  };
  struct Deleter {
    void operator()(struct archive* a) const { archive_read_free(a); }
  };
  static la_ssize_t read_cb(struct archive*, void* data, const void** buf);
  static la_int64_t skip_cb(struct archive*, void* data, la_int64_t request);

  std::string name_;
  Callbacks callbacks_;
  std::unique_ptr<struct archive, Deleter> archive_;
};

}  // namespace ballast::image
