// `--format sarif`: SARIF 2.1.0 (OASIS, sarif-v2.1.0-os) for code scanning
// (GitHub, GitLab, Azure DevOps). One run (§3.14) whose tool.driver
// (§3.18-3.19) names ballast and lists its rules (reportingDescriptor §3.49:
// id, name, shortDescription, help, defaultConfiguration); one result per
// finding (§3.27: ruleId, ruleIndex, level error|warning|note, message.text,
// a physicalLocation with artifactLocation.uri and region when the finding
// has a file, logicalLocations for image or context paths otherwise);
// inputs that could not be read become toolExecutionNotifications (§3.58).
#pragma once

#include <iosfwd>

#include <nlohmann/json.hpp>

#include "report/findings_document.h"

namespace ballast::report {

nlohmann::json findings_to_sarif(const FindingsDocument& doc);
void render_findings_sarif(const FindingsDocument& doc, std::ostream& out);

}  // namespace ballast::report
