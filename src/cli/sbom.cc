// `ballast sbom IMAGE`: the image's packages as CycloneDX 1.5 or SPDX 2.3
// JSON (docs/sbom.md). The library does the work (sbom/sbom.h); this file
// turns flags into an SbomRequest and writes the result.
#include <CLI/CLI.hpp>

#include <ctime>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/image_choice.h"
#include "cli/image_request.h"
#include "cli/registry_flags.h"
#include "report/output_file.h"
#include "sbom/sbom.h"
#include "util/error.h"

namespace ballast::cli {
namespace {

struct SbomArgs {
  std::string image;
  ImageRequestArgs source;
  std::string format = "cyclonedx";
  std::string output;
  std::string timestamp;
  std::string serial_number;
};

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

Runner setup_sbom(CLI::App& sub) {
  auto args = std::make_shared<SbomArgs>();
  sub.add_option("IMAGE", args->image, "The image (the forms analyze accepts, docs/sources.md)")->required();
  args->source.add_to(sub);
  sub.add_option("--format", args->format, "cyclonedx (1.5 JSON) or spdx (2.3 JSON)")
      ->check(CLI::IsMember({"cyclonedx", "spdx"}))
      ->capture_default_str();
  sub.add_option("-o,--output", args->output, "Write the document to FILE (atomically) instead of standard output");
  sub.add_option("--timestamp", args->timestamp,
                 "The document's time: RFC 3339, or 'now' (default: the image's created time, for reproducible output)");
  sub.add_option("--serial-number", args->serial_number,
                 "CycloneDX serialNumber / SPDX namespace UUID as urn:uuid:... (default: derived from the image ID)");

  return [args] {
    sbom::SbomRequest request;
    request.analyze = args->source.request(args->image, args->source.config_file());
    request.format = args->format == "spdx" ? sbom::Format::kSpdx : sbom::Format::kCycloneDx;
    if (args->timestamp == "now") request.document.timestamp = now_utc();
    else if (!args->timestamp.empty() && !sbom::utc_seconds(args->timestamp))
      throw InputError("--timestamp: '" + args->timestamp + "' is not an RFC 3339 time (or 'now')");
    else request.document.timestamp = args->timestamp;
    if (!args->serial_number.empty() && !sbom::is_urn_uuid(args->serial_number))
      throw InputError("--serial-number: '" + args->serial_number + "' is not urn:uuid: and a lowercase UUID");
    request.document.serial_number = args->serial_number;
    std::string text;
    try {
      text = sbom::make_sbom(request);
    } catch (const image::ImageChoiceError& e) {
      throw choose_image(e, "--image");
    } catch (const image::registry::AccessError& e) {
      throw word_access_error(e);
    }
    if (args->output.empty() || args->output == "-") std::cout << text;
    else report::write_file_atomically(args->output, text);
    return kExitOk;
  };
}

}  // namespace ballast::cli
