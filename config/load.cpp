// Reads the TOML document and the environment through the shared field table, then checks what
// only the whole can tell: required keys, the single source of the secret, related values.
#include "config/load.hpp"

#include "config/raw_value.hpp"
#include "config/setting_fields.hpp"
#include "config/small_file.hpp"
#include "config/value_checks.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <set>

namespace gw::config {
namespace {

constexpr std::string_view environment_name = "environment";
constexpr std::string_view variable_prefix = "GATEWAY_";
constexpr std::size_t max_config_bytes = 1024 * 1024;
constexpr std::size_t max_secret_bytes = 64 * 1024;

// Where a value came from: a key in the file, or an environment variable.
struct Origin {
    std::string file;
    int line = 0;
    int column = 0;
    std::string key;  // "xmpp.port" or "GATEWAY_XMPP_PORT"

    bool from_environment() const { return file == environment_name; }
};

std::string upper_ascii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; });
    return out;
}

std::string number_text(double value) {
    RawValue raw;
    raw.kind = RawValue::Kind::floating;
    raw.floating = value;
    return describe_value(raw);
}

RawValue raw_from(const toml::node& node) {
    RawValue raw;
    switch (node.type()) {
    case toml::node_type::string:
        raw.kind = RawValue::Kind::string;
        raw.text = *node.value<std::string>();
        break;
    case toml::node_type::integer:
        raw.kind = RawValue::Kind::integer;
        raw.integer = *node.value<std::int64_t>();
        break;
    case toml::node_type::floating_point:
        raw.kind = RawValue::Kind::floating;
        raw.floating = *node.value<double>();
        break;
    case toml::node_type::boolean:
        raw.kind = RawValue::Kind::boolean;
        raw.boolean = *node.value<bool>();
        break;
    case toml::node_type::array:
        raw.kind = RawValue::Kind::array;
        for (const toml::node& item : *node.as_array()) raw.items.push_back(raw_from(item));
        break;
    case toml::node_type::table:
    case toml::node_type::none:
        raw.kind = RawValue::Kind::table;
        break;
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
        raw.kind = RawValue::Kind::date_time;
        break;
    }
    return raw;
}

class Loader {
public:
    explicit Loader(std::string_view file_name) : file_(file_name) { draft_.settings.source_file = file_; }

    void read_file(const toml::table& root) {
        for (auto&& [name, node] : root) {
            const std::string section_name(name.str());
            const toml::table* section = node.as_table();
            // A section is reported at its "[name]" header; a plain value at its key.
            const Origin where = section != nullptr && section->source().begin.line > 0
                                     ? at(section->source(), section_name)
                                     : at(name.source(), section_name);
            const auto sections = section_names();
            if (std::find(sections.begin(), sections.end(), section_name) == sections.end()) {
                std::string known;
                for (std::string_view name_of : sections) known += (known.empty() ? "" : ", ") + std::string(name_of);
                report(where, "unknown section (the sections are " + known + ")");
                continue;
            }
            if (section == nullptr) {
                report(where, "expected a section [" + section_name + "], got " + describe_value(raw_from(node)));
                continue;
            }
            section_places_[section_name] = where;
            read_section(section_name, *section);
        }
    }

    void read_environment(const Environment& env) {
        for (const auto& [variable, value] : env) {
            if (!variable.starts_with(variable_prefix)) continue;
            const Origin where{std::string(environment_name), 0, 0, variable};
            const Field* field = find_field_by_variable(variable);
            if (field == nullptr) {
                report_unknown_variable(where);
                continue;
            }
            RawValue raw;
            raw.from_environment = true;
            raw.text = value;
            apply(*field, raw, where);
        }
    }

    void check_whole() {
        // A key that was given but invalid has its own error already: no "missing" on top of it.
        if (!given_.contains("xmpp.component")) {
            report(missing_place("xmpp", "xmpp.component"),
                   "required key is missing (set it in [xmpp] or with GATEWAY_XMPP_COMPONENT)");
        }
        settle_secret();
        check_reconnect_delays();
        const auto& store = draft_.settings.store;
        if (store.backend == StoreBackend::postgresql && store.conninfo.empty()) {
            Origin where = place_of("store.backend");
            where.key = "store.conninfo";
            report(where, "required when store.backend is \"postgresql\" (set it in [store] or with "
                          "GATEWAY_STORE_CONNINFO)");
        }
    }

    LoadResult result() && {
        // The file's errors in reading order; toml++ iterates keys alphabetically.
        auto place = [](const ConfigError& e) { return e.line == 0 ? std::pair(1 << 30, 0) : std::pair(e.line, e.column); };
        std::stable_sort(file_errors_.begin(), file_errors_.end(),
                         [&place](const ConfigError& a, const ConfigError& b) { return place(a) < place(b); });
        LoadResult out;
        out.errors = std::move(file_errors_);
        out.errors.insert(out.errors.end(), environment_errors_.begin(), environment_errors_.end());
        if (out.errors.empty()) out.settings = std::move(draft_.settings);
        return out;
    }

    void report(const Origin& where, std::string message) {
        ConfigError error{where.file, where.line, where.column, where.key, std::move(message)};
        (where.from_environment() ? environment_errors_ : file_errors_).push_back(std::move(error));
    }

private:
    Origin at(const toml::source_region& region, std::string name) const {
        const auto& begin = region.begin;
        return Origin{file_, static_cast<int>(begin.line), static_cast<int>(begin.column), std::move(name)};
    }

    void read_section(std::string_view section, const toml::table& table) {
        for (auto&& [name, node] : table) {
            const std::string full_name = std::string(section) + "." + std::string(name.str());
            const Origin where = at(name.source(), full_name);
            const Field* field = find_field(section, name.str());
            if (field == nullptr) {
                report(where, "unknown key (the keys of [" + std::string(section) + "] are " + known_keys(section) + ")");
                continue;
            }
            apply(*field, raw_from(node), where);
        }
    }

    void report_unknown_variable(const Origin& where) {
        // Only names in a section's namespace are ours: other GATEWAY_* variables may belong to scripts.
        for (const std::string_view section : section_names()) {
            const std::string prefix = std::string(variable_prefix) + upper_ascii(section) + "_";
            if (where.key.starts_with(prefix)) {
                report(where, "unknown variable (the [" + std::string(section) + "] variables are " +
                                  known_variables(section) + ")");
                return;
            }
        }
    }

    void apply(const Field& field, const RawValue& raw, const Origin& where) {
        given_.insert(field.name());
        if (auto problem = field.apply(raw, draft_)) {
            report(where, std::move(*problem));
            return;
        }
        origins_[field.name()] = where;
        if (field.section == "xmpp" && (field.key == "secret" || field.key == "secret_file"))
            secret_sources_.push_back(where);
    }

    // Where a value was set; the file itself for a default.
    Origin place_of(const std::string& name) const {
        const auto found = origins_.find(name);
        return found != origins_.end() ? found->second : Origin{file_, 0, 0, name};
    }

    Origin missing_place(const std::string& section, std::string key) const {
        const auto found = section_places_.find(section);
        Origin where = found != section_places_.end() ? found->second : Origin{file_, 0, 0, {}};
        where.key = std::move(key);
        return where;
    }

    static std::string describe_origin(const Origin& origin) {
        if (origin.from_environment()) return origin.key;
        return origin.key + " at " + origin.file + ":" + std::to_string(origin.line);
    }

    // The secret must come from exactly one place: a leftover second copy would be a secret on
    // disk that the admin believes unused.
    void settle_secret() {
        static constexpr std::string_view choices =
            "xmpp.secret, xmpp.secret_file, GATEWAY_XMPP_SECRET or GATEWAY_XMPP_SECRET_FILE";
        if (secret_sources_.empty()) {
            if (given_.contains("xmpp.secret") || given_.contains("xmpp.secret_file")) return;
            report(missing_place("xmpp", "xmpp.secret"),
                   "the component secret is missing (set exactly one of " + std::string(choices) + ")");
            return;
        }
        if (secret_sources_.size() > 1) {
            std::string places;
            for (const Origin& origin : secret_sources_) {
                if (!places.empty()) places += " and ";
                places += describe_origin(origin);
            }
            report(secret_sources_[1], "the component secret is given more than once (" + places +
                                           "); keep exactly one of " + std::string(choices));
            return;
        }
        const Origin& source = secret_sources_.front();
        if (source.key != "xmpp.secret_file" && source.key != "GATEWAY_XMPP_SECRET_FILE") return;
        SmallFile file = read_small_file(draft_.secret_file, max_secret_bytes);
        if (!file.text) {
            report(source, "cannot read the secret file " + quoted(draft_.secret_file) + ": " + file.error);
            return;
        }
        std::string secret = std::move(*file.text);
        // Secret files usually end with a newline that is not part of the secret.
        while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
        if (secret.empty()) {
            report(source, "the secret file " + quoted(draft_.secret_file) + " is empty");
        } else if (secret.find('\0') != std::string::npos) {
            report(source, "the secret file " + quoted(draft_.secret_file) + " contains a NUL character");
        } else {
            draft_.settings.xmpp.secret = std::move(secret);
        }
    }

    void check_reconnect_delays() {
        const auto& xmpp = draft_.settings.xmpp;
        if (xmpp.reconnect_initial_s <= xmpp.reconnect_max_s) return;
        const auto initial = origins_.find("xmpp.reconnect_initial_s");
        if (initial != origins_.end()) {
            report(initial->second, "must not be greater than xmpp.reconnect_max_s (" +
                                        number_text(xmpp.reconnect_max_s) + "), got " +
                                        number_text(xmpp.reconnect_initial_s));
        } else {
            report(place_of("xmpp.reconnect_max_s"), "must not be less than xmpp.reconnect_initial_s (" +
                                                            number_text(xmpp.reconnect_initial_s) + "), got " +
                                                            number_text(xmpp.reconnect_max_s));
        }
    }

    std::string file_;
    Draft draft_;
    std::map<std::string, Origin> origins_;  // field name -> the place that set it last
    std::map<std::string, Origin> section_places_;
    std::set<std::string> given_;  // field names that appeared, valid or not
    std::vector<Origin> secret_sources_;
    std::vector<ConfigError> file_errors_;
    std::vector<ConfigError> environment_errors_;
};

}  // namespace

LoadResult parse_settings(std::string_view toml_text, std::string_view file_name, const Environment& env) {
    Loader loader(file_name);
    bool file_parsed = false;
    try {
        const toml::table root = toml::parse(toml_text, file_name);
        loader.read_file(root);
        file_parsed = true;
    } catch (const toml::parse_error& error) {
        const auto& begin = error.source().begin;
        loader.report(Origin{std::string(file_name), static_cast<int>(begin.line), static_cast<int>(begin.column), {}},
                      "syntax error: " + std::string(error.description()));
    }
    loader.read_environment(env);
    // After a syntax error the file's values are unknown: whole-file checks would only add noise.
    if (file_parsed) loader.check_whole();
    return std::move(loader).result();
}

LoadResult load_settings_file(const std::string& path, const Environment& env) {
    SmallFile file = read_small_file(path, max_config_bytes);
    if (!file.text) {
        LoadResult out;
        out.errors.push_back(ConfigError{path, 0, 0, {}, "cannot read the configuration file: " + file.error});
        return out;
    }
    return parse_settings(*file.text, path, env);
}

Environment environment_from(char** envp) {
    Environment env;
    for (char** entry = envp; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        const std::size_t equals = text.find('=');
        if (equals == std::string_view::npos) continue;
        const std::string_view name = text.substr(0, equals);
        if (name.starts_with(variable_prefix)) env[std::string(name)] = std::string(text.substr(equals + 1));
    }
    return env;
}

}  // namespace gw::config
