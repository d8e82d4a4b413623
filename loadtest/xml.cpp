#include "loadtest/xml.hpp"

#include <expat.h>

#include <exception>
#include <vector>

namespace gw::load {

std::string_view Element::attr(std::string_view key) const {
    for (const auto& [k, v] : attributes)
        if (k == key) return v;
    return {};
}

const Element* Element::child(std::string_view child_name, std::string_view xmlns) const {
    for (const Element& c : children)
        if (c.name == child_name && (xmlns.empty() || c.attr("xmlns") == xmlns)) return &c;
    return nullptr;
}

void append_attr(std::string& out, std::string_view name, std::string_view value) {
    out += ' ';
    out += name;
    out += "='";
    append_escaped(out, value);
    out += '\'';
}

void append_escaped(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '\'': out += "&apos;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
}

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    append_escaped(out, text);
    return out;
}

struct XmlStreamReader::Impl {
    Handlers handlers;
    XML_Parser parser = nullptr;
    std::vector<Element> open;  // the stanza being built: open[0] is the top-level element
    int depth = 0;              // 1 inside the stream header, 2 inside a stanza ...
    bool broken = false;
    std::string failure;  // an exception from a handler: nothing may unwind through expat

    template <typename F>
    void guarded(F&& f) {
        try {
            f();
        } catch (const std::exception& e) {
            failure = e.what();
            XML_StopParser(parser, XML_FALSE);
        }
    }

    static void on_start(void* data, const XML_Char* name, const XML_Char** attrs) {
        auto* self = static_cast<Impl*>(data);
        Element element;
        element.name = name;
        for (int i = 0; attrs[i] != nullptr; i += 2) element.attributes.emplace_back(attrs[i], attrs[i + 1]);
        ++self->depth;
        if (self->depth == 1) {
            if (self->handlers.stream_open) self->guarded([&] { self->handlers.stream_open(element); });
            return;
        }
        self->open.push_back(std::move(element));
    }

    static void on_end(void* data, const XML_Char*) {
        auto* self = static_cast<Impl*>(data);
        --self->depth;
        if (self->depth == 0) {
            if (self->handlers.stream_close) self->guarded([&] { self->handlers.stream_close(); });
            return;
        }
        Element done = std::move(self->open.back());
        self->open.pop_back();
        if (self->open.empty()) {
            if (self->handlers.stanza) self->guarded([&] { self->handlers.stanza(std::move(done)); });
        } else {
            self->open.back().children.push_back(std::move(done));
        }
    }

    static void on_text(void* data, const XML_Char* text, int length) {
        auto* self = static_cast<Impl*>(data);
        if (!self->open.empty()) self->open.back().text.append(text, static_cast<std::size_t>(length));
    }
};

XmlStreamReader::XmlStreamReader(Handlers handlers) : impl_(std::make_unique<Impl>()) {
    impl_->handlers = std::move(handlers);
    impl_->parser = XML_ParserCreate("UTF-8");
    XML_SetUserData(impl_->parser, impl_.get());
    XML_SetElementHandler(impl_->parser, &Impl::on_start, &Impl::on_end);
    XML_SetCharacterDataHandler(impl_->parser, &Impl::on_text);
}

XmlStreamReader::~XmlStreamReader() { XML_ParserFree(impl_->parser); }

bool XmlStreamReader::feed(std::string_view bytes) {
    if (impl_->broken) return false;
    if (XML_Parse(impl_->parser, bytes.data(), static_cast<int>(bytes.size()), XML_FALSE) == XML_STATUS_ERROR) {
        impl_->broken = true;
        const std::string message = !impl_->failure.empty()
            ? impl_->failure
            : std::string("XML error: ") + XML_ErrorString(XML_GetErrorCode(impl_->parser)) + " at line " +
                  std::to_string(XML_GetCurrentLineNumber(impl_->parser));
        if (impl_->handlers.error) impl_->handlers.error(message);
        return false;
    }
    return true;
}

}  // namespace gw::load
