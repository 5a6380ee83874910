#include "image/registry/blob_stream.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <mutex>

#include "image/registry/client.h"
#include "util/error.h"

namespace ballast::image::registry {
namespace {

// Above this many buffered bytes the transfer is paused until read.
constexpr std::size_t kMaxBuffered = 4 * 1024 * 1024;

class BlobStream final : public ByteSource {
 public:
  BlobStream(std::shared_ptr<Client> client, std::string digest, std::uint64_t size)
      : client_(std::move(client)), digest_(std::move(digest)), size_(size),
        name_("docker://" + client_->reference().domain + "/" + client_->reference().repository + "@" + digest_) {}
  ~BlobStream() override { stop(); }

  std::uint64_t size() const override { return size_; }
  const std::string& name() const override { return name_; }
  bool seekable() const override { return false; }
  bool any_thread() const override { return true; }  // read_at holds mu_

  std::size_t read_at(std::uint64_t offset, void* out, std::size_t n) const override {
    std::lock_guard lock(mu_);
    std::size_t total = 0;
    while (total < n) {
      std::uint64_t pos = offset + total;
      if (pos >= size_) break;
      std::uint64_t end = buf_start_ + buf_.size();
      if (pos >= buf_start_ && pos < end) {
        std::size_t k = static_cast<std::size_t>(std::min<std::uint64_t>(n - total, end - pos));
        k = static_cast<std::size_t>(std::min<std::uint64_t>(k, size_ - pos));
        std::memcpy(static_cast<char*>(out) + total, buf_.data() + (pos - buf_start_), k);
        total += k;
        continue;
      }
      if (!multi_ || pos != end) {
        attempts_ = 0;
        start(pos);
        continue;
      }
      buf_start_ = end;  // everything buffered was read: drop it, get more
      buf_.clear();
      if (!pump()) break;
    }
    return total;
  }

 private:
  static std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
    auto* self = static_cast<const BlobStream*>(user);
    std::size_t len = size * n;
    if (self->status_ == 0) {
      curl_easy_getinfo(self->easy_, CURLINFO_RESPONSE_CODE, &self->status_);
      // A server that ignores Range answers 200 from byte 0: skip what we have.
      if (self->status_ == 200) self->skip_ = self->requested_;
    }
    if (self->status_ != 200 && self->status_ != 206) {
      if (self->error_body_.size() < 4096) self->error_body_.append(data, std::min<std::size_t>(len, 4096));
      return len;
    }
    if (self->buf_.size() >= kMaxBuffered) {
      self->paused_ = true;
      return CURL_WRITEFUNC_PAUSE;
    }
    std::size_t skip = static_cast<std::size_t>(std::min<std::uint64_t>(self->skip_, len));
    self->skip_ -= skip;
    self->buf_.append(data + skip, len - skip);
    return len;
  }

  static std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
    auto* self = static_cast<const BlobStream*>(user);
    std::string line(data, size * n);
    auto value = [&] {
      std::string v = line.substr(line.find(':') + 1);
      v.erase(0, v.find_first_not_of(" \t"));
      v.erase(v.find_last_not_of(" \t\r\n") + 1);
      return v;
    };
    std::string lower = line.substr(0, line.find(':'));
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (line.starts_with("HTTP/")) {
      self->www_authenticate_.clear();
      self->retry_after_.clear();
    } else if (lower == "www-authenticate") {
      self->www_authenticate_ = value();
    } else if (lower == "retry-after") {
      self->retry_after_ = value();
    }
    return size * n;
  }

  void stop() const {
    if (multi_) {
      curl_multi_remove_handle(multi_, easy_);
      curl_easy_cleanup(easy_);
      curl_multi_cleanup(multi_);
    }
    if (headers_) curl_slist_free_all(headers_);
    multi_ = nullptr;
    easy_ = nullptr;
    headers_ = nullptr;
  }

  // A new GET of [pos, end).
  void start(std::uint64_t pos) const {
    stop();
    buf_.clear();
    buf_start_ = pos;
    status_ = 0;
    error_body_.clear();
    paused_ = false;
    used_auth_ = client_->authorizer().header();
    if (!used_auth_.empty()) headers_ = curl_slist_append(headers_, used_auth_.c_str());
    if (pos > 0) headers_ = curl_slist_append(headers_, ("Range: bytes=" + std::to_string(pos) + "-").c_str());
    skip_ = 0;
    requested_ = pos;
    easy_ = client_->http().new_handle(client_->blob_url(digest_), headers_);
    curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &BlobStream::on_body);
    curl_easy_setopt(easy_, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(easy_, CURLOPT_HEADERFUNCTION, &BlobStream::on_header);
    curl_easy_setopt(easy_, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(easy_, CURLOPT_ERRORBUFFER, curl_error_);
    curl_error_[0] = 0;
    multi_ = curl_multi_init();
    curl_multi_add_handle(multi_, easy_);
  }

  // Reads more of the current transfer into buf_; false at the end of the blob.
  bool pump() const {
    for (;;) {
      if (paused_) {
        paused_ = false;
        curl_easy_pause(easy_, CURLPAUSE_CONT);  // may deliver buffered data right here
      }
      if (!buf_.empty()) return true;
      int running = 0;
      if (curl_multi_perform(multi_, &running) != CURLM_OK) throw InputError(name_ + ": libcurl multi failure");
      if (!buf_.empty()) return true;
      int left = 0;
      while (CURLMsg* m = curl_multi_info_read(multi_, &left)) {
        if (m->msg != CURLMSG_DONE) continue;
        if (!transfer_done(m->data.result)) return false;
        break;  // restarted: go on reading the new transfer
      }
      if (running && !paused_) curl_multi_poll(multi_, nullptr, 0, 1000, nullptr);
    }
  }

  // The transfer ended. True when a new one was started (retry, resume, new
  // token); false at the end of the blob; throws for errors.
  bool transfer_done(CURLcode result) const {
    const std::string where = client_->where();
    std::uint64_t pos = buf_start_ + buf_.size();
    long status = status_;
    if (status == 0) curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
    if (result == CURLE_OK && status == 401) {
      client_->authorizer().on_unauthorized(www_authenticate_, used_auth_);
      start(pos);
      return true;
    }
    if (result == CURLE_OK && (status == 200 || status == 206) && pos >= size_) return false;
    bool transient = result != CURLE_OK || retryable_status(status) ||
                     ((status == 200 || status == 206) && pos < size_);  // closed early
    if (transient && attempts_ < client_->http().options().retries) {
      ++attempts_;
      client_->http().wait_before_retry(attempts_, retry_after_);
      start(pos);
      return true;
    }
    std::string what;
    if (result != CURLE_OK)
      what = std::string("connection failed at byte ") + std::to_string(pos) + " of " + std::to_string(size_) +
             " (" + (curl_error_[0] ? curl_error_ : curl_easy_strerror(result)) + ")";
    else if (status == 200 || status == 206)
      what = "connection closed at byte " + std::to_string(pos) + " of " + std::to_string(size_);
    else if (status == 404)
      what = "blob unknown (" + where + " answered " + status_text(status) + ")";
    else
      what = where + " answered " + status_text(status);
    if (transient) what += " after " + std::to_string(attempts_ + 1) + " attempts";
    throw InputError(name_ + ": " + what);
  }

  std::shared_ptr<Client> client_;
  std::string digest_;
  std::uint64_t size_;
  std::string name_;

  mutable std::mutex mu_;
  mutable CURLM* multi_ = nullptr;
  mutable CURL* easy_ = nullptr;
  mutable curl_slist* headers_ = nullptr;
  mutable std::string buf_;
  mutable std::uint64_t buf_start_ = 0;
  mutable std::uint64_t skip_ = 0;
  mutable std::uint64_t requested_ = 0;
  mutable long status_ = 0;
  mutable bool paused_ = false;
  mutable int attempts_ = 0;
  mutable std::string used_auth_;
  mutable std::string www_authenticate_;
  mutable std::string retry_after_;
  mutable std::string error_body_;
  mutable char curl_error_[CURL_ERROR_SIZE] = {};
};

}  // namespace

ByteSourcePtr open_blob_stream(std::shared_ptr<Client> client, std::string digest, std::uint64_t size) {
  return std::make_shared<BlobStream>(std::move(client), std::move(digest), size);
}

}  // namespace ballast::image::registry
