// The interviewer's report of a batch (`pyjudge batch --report FILE`): one self-contained
// HTML file — inline CSS, charts drawn here as inline SVG, no script, no network — with the
// ranked table (sortable by any column through links and :target, so it works with
// JavaScript off), a section per candidate (every test, hidden ones with their inputs, the
// code with its failing lines marked, time against n beside the reference, output), and the
// most similar pairs side by side with their shared lines highlighted.
//
// Everything that came from a candidate is escaped; nothing in it can add markup.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace pyjudge::judge {

std::string batch_html(const nlohmann::ordered_json& doc);

}  // namespace pyjudge::judge
