//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

import Foundation

extension MustacheTemplate {
    /// Render template using object
    /// - Parameters:
    ///   - stack: Object
    ///   - context: Context that render is occurring in. Contains information about position in sequence
    ///   - indentation: indentation of partial
    /// - Returns: Rendered text
    func render(context: MustacheContext) -> String {
        var string = ""
        self.render(context: context, into: &string)
        return string
    }

    // PaperDigest: a template renders into the text of the one it is in, as do its sections,
    // partials and blocks, so that a page is one String that grows, not a String per template
    // and per section item copied into the next one out: those copies and each new String's
    // growth were 8% of the instructions of a rebuild that rendered 14k pages (same text).
    func render<Output: MustacheOutput>(context: MustacheContext, into string: inout Output) {
        var context = context

        if let indentation = context.indentation, indentation != "" {
            // (Into a String of its own: whether a token starts a line is told by its own text.)
            var own = ""
            for token in tokens {
                let renderedString = self.renderToken(token, context: &context)
                // if rendered string is not empty and we are on a new line
                if renderedString.count > 0, own.last == "\n" {
                    own += indentation
                }
                own += renderedString
            }
            string.append(own)
        } else {
            // PaperDigest: each token read in place (`tokens[index]`), not copied out by the
            // array's iterator with a retain of every value it holds and a release after.
            for index in tokens.indices {
                self.renderToken(tokens[index], context: &context, into: &string)
            }
        }
    }

    // PaperDigest: a token into the text being rendered: text, a value, a section, a partial or
    // a block put in where it is made (upstream made a String of each, `renderToken`).
    private func renderToken<Output: MustacheOutput>(_ token: Token, context: inout MustacheContext, into string: inout Output) {
        switch token {
        case .text(let text):
            string.append(text)

        case .variable(let variable, let transforms):
            guard let child = getChild(named: variable, transforms: transforms, context: context) else { return }
            if let value = child as? String {
                string.append(context.contentType.escapeText(value))
            } else if let template = child as? MustacheTemplate {
                template.render(context: context, into: &string)
            } else if let renderable = child as? MustacheCustomRenderable {
                string.append(context.contentType.escapeText(renderable.renderText))
            } else if let lambda = child as? MustacheLambda {
                string.append(self.renderLambda(lambda, parameter: "", context: context))
            } else {
                string.append(context.contentType.escapeText(String(describing: unwrapIfAnyContainsOptional(child))))
            }

        case .unescapedVariable(let variable, let transforms):
            guard let child = getChild(named: variable, transforms: transforms, context: context) else { return }
            if let value = child as? String {
                string.append(value)
            } else if let renderable = child as? MustacheCustomRenderable {
                string.append(unescaped: renderable)
            } else if let lambda = child as? MustacheLambda {
                string.append(self.renderUnescapedLambda(lambda, parameter: "", context: context))
            } else {
                string.append(String(describing: unwrapIfAnyContainsOptional(child)))
            }

        case .section(let variable, let transforms, let template):
            guard let child = self.getChild(named: variable, transforms: transforms, context: context) else { return }
            if !Self.isPlain(child), let lambda = child as? MustacheLambda {
                string.append(self.renderUnescapedLambda(lambda, parameter: template.text, context: context))
                return
            }
            self.renderSection(child, with: template, context: context, into: &string)

        case .invertedSection(let variable, let transforms, let template):
            guard let child = self.getChild(named: variable, transforms: transforms, context: context) else {
                template.render(context: context, into: &string)
                return
            }
            string.append(self.renderInvertedSection(child, with: template, context: context))

        case .blockExpansion(let name, let defaultTemplate, let indented):
            if let override = context.inherited?[name] {
                override.render(context: context.withBlockExpansion(indented: indented), into: &string)
            } else {
                defaultTemplate.render(context: context.withBlockExpansion(indented: indented), into: &string)
            }

        case .partial(let name, let indentation, let overrides):
            self.renderPartial(named: name, indentation: indentation, overrides: overrides, context: context, into: &string)

        case .dynamicNamePartial(let name, let indentation, let overrides):
            guard let childName = self.getChild(named: name, transforms: [], context: context) as? String else { return }
            self.renderPartial(named: childName, indentation: indentation, overrides: overrides, context: context, into: &string)

        case .contentType(let contentType):
            context = context.withContentType(contentType)

        case .blockDefinition:
            fatalError("Should not be rendering block definitions")
        }
    }

    // PaperDigest: the partial named, from the library (in a debug build, read again from its
    // file when the context says so), into the text being rendered; upstream's `renderToken`
    // had this twice, for a partial and for a partial named by a value.
    private func renderPartial<Output: MustacheOutput>(named name: String, indentation: String?, overrides: [String: MustacheTemplate]?,
                                                       context: MustacheContext, into string: inout Output) {
        guard var template = context.library?.getTemplate(named: name) else { return }
        #if DEBUG
        if context.reloadPartials {
            guard let filename = template.filename else {
                preconditionFailure("Can only use reload if template was generated from a file")
            }
            do {
                guard let partialTemplate = try MustacheTemplate(filename: filename) else {
                    string.append("Cannot find template at \(filename)")
                    return
                }
                template = partialTemplate
            } catch {
                string.append("\(error)")
                return
            }
        }
        #endif
        template.render(context: context.withPartial(indented: indentation, inheriting: overrides), into: &string)
    }

    // PaperDigest: a token's text on its own (an indented partial's tokens need it), as it is
    // rendered into the text it is in.
    func renderToken(_ token: Token, context: inout MustacheContext) -> String {
        var string = ""
        self.renderToken(token, context: &context, into: &string)
        return string
    }

    // PaperDigest: a section into the text being rendered (`renderSection` below gives it alone).
    func renderSection<Output: MustacheOutput>(_ child: Any?, with template: MustacheTemplate, context: MustacheContext, into string: inout Output) {
        if let bool = child as? Bool {
            if bool { template.render(context: context, into: &string) }
            return
        }
        if let child, Self.isPlain(child) {
            template.render(context: context.withObject(child), into: &string)
            return
        }
        switch child {
        case let array as any MustacheSequence:
            array.renderSection(with: template, context: context, into: &string)
        case let bool as Bool:
            if bool { template.render(context: context, into: &string) }
        case let null as MustacheCustomRenderable where null.isNull == true:
            return
        case .some(let value):
            template.render(context: context.withObject(value), into: &string)
        case .none:
            return
        }
    }

    /// Render a section
    /// - Parameters:
    ///   - child: Object to render section for
    ///   - parent: Current object being rendered
    ///   - template: Template to render with
    /// - Returns: Rendered text
    func renderSection(_ child: Any?, with template: MustacheTemplate, context: MustacheContext) -> String {
        // PaperDigest: as it renders into the text it is in.
        var string = ""
        self.renderSection(child, with: template, context: context, into: &string)
        return string
    }

    /// Render an inverted section
    /// - Parameters:
    ///   - child: Object to render section for
    ///   - parent: Current object being rendered
    ///   - template: Template to render with
    /// - Returns: Rendered text
    func renderInvertedSection(_ child: Any?, with template: MustacheTemplate, context: MustacheContext) -> String {
        // PaperDigest: a Bool, the most common section value, before the protocol cast (no Bool is a sequence).
        if let bool = child as? Bool { return bool ? "" : template.render(context: context) }
        switch child {
        case let array as any MustacheSequence:
            return array.renderInvertedSection(with: template, context: context)
        case let bool as Bool:
            return bool ? "" : template.render(context: context)
        case let null as MustacheCustomRenderable where null.isNull == true:
            return template.render(context: context)
        case .some:
            return ""
        case .none:
            return template.render(context: context)
        }
    }

    func renderLambda(_ lambda: MustacheLambda, parameter: String, context: MustacheContext) -> String {
        var lambda = lambda
        while true {
            guard let result = lambda(parameter) else { return "" }
            if let string = result as? String {
                do {
                    let newTemplate = try MustacheTemplate(string: context.contentType.escapeText(string))
                    return self.renderSection(context.stack.last, with: newTemplate, context: context)
                } catch {
                    return ""
                }
            } else if let lambda2 = result as? MustacheLambda {
                lambda = lambda2
                continue
            } else {
                return context.contentType.escapeText(String(describing: unwrapIfAnyContainsOptional(result)))
            }
        }
    }

    func renderUnescapedLambda(_ lambda: MustacheLambda, parameter: String, context: MustacheContext) -> String {
        var lambda = lambda
        while true {
            guard let result = lambda(parameter) else { return "" }
            if let string = result as? String {
                do {
                    let newTemplate = try MustacheTemplate(string: string)
                    return self.renderSection(context.stack.last, with: newTemplate, context: context)
                } catch {
                    return ""
                }
            } else if let lambda2 = result as? MustacheLambda {
                lambda = lambda2
                continue
            } else {
                return String(describing: unwrapIfAnyContainsOptional(result))
            }
        }
    }

    /// Get child object from variable name
    func getChild(named name: String, transforms: [String], context: MustacheContext) -> Any? {
        func _getImmediateChild(named name: String, from object: Any) -> Any? {
            // PaperDigest: a context dictionary answers directly, before two protocol casts
            // (a dictionary is no custom representation; as a parent it answers `self[name]`).
            if let dictionary = object as? [String: Any] { return dictionary[name] }
            // PaperDigest: a String, Int or Bool — a section's value on the stack — has no
            // children. Answered before those two casts and the mirror (same text).
            if Self.isPlain(object) { return nil }
            let child = {
                let object: Any? =
                    if let custom = object as? MustacheCustomRepresentation {
                        custom.representation
                    } else {
                        object
                    }
                if let customBox = object as? MustacheParent {
                    return customBox.child(named: name)
                } else if let object {
                    let mirror = Mirror(reflecting: object)
                    return mirror.getValue(forKey: name)
                } else {
                    return nil
                }
            }()
            return child
        }

        func _getChild(named names: ArraySlice<String>, from object: Any) -> Any? {
            guard let name = names.first else { return object }
            var object = object
            if let lambda = object as? MustacheLambda {
                guard let result = lambda("") else { return nil }
                object = result
            }
            guard let childObject = _getImmediateChild(named: name, from: object) else { return nil }
            let names2 = names.dropFirst()
            return _getChild(named: names2, from: childObject)
        }

        func _getChildInStack(named names: ArraySlice<String>, from stack: [Any]) -> Any? {
            guard let name = names.first else { return stack.last }
            for object in stack.reversed() {
                if let childObject = _getImmediateChild(named: name, from: object) {
                    let names2 = names.dropFirst()
                    return _getChild(named: names2, from: childObject)
                }
            }
            return nil
        }

        // work out which object to access. "." means the current object, if the variable name is ""
        // and we have a transform to run on the variable then we need the context object, otherwise
        // the name is split by "." and we use mirror to get the correct child object. If we cannot find
        // the root object we look up the context stack until we can find one with a matching name. The
        // stack climbing can be disabled by prefixing the variable name with a "."
        var child: Any?
        if name == "." {
            child = context.stack.last!
        } else if name == "", !transforms.isEmpty {
            child = context.sequenceContext
        } else if name.first == "." {
            let nameSplit = name.split(separator: ".").map { String($0) }
            child = _getChild(named: nameSplit[...], from: context.stack.last!)
        } else if !name.isEmpty, !Self.hasDot(name) {
            // PaperDigest: a name without dots is looked up as it is, not split into an array
            // of one String on every lookup; the first object on the stack that has it answers.
            child = nil
            for object in context.stack.reversed() {
                if let found = _getImmediateChild(named: name, from: object) {
                    child = found
                    break
                }
            }
        } else {
            let nameSplit = name.split(separator: ".").map { String($0) }
            child = _getChildInStack(named: nameSplit[...], from: context.stack)
        }

        // skip transforms if child is already nil
        // PaperDigest: before the casts below, which a name not there (nil) went through too.
        guard var child else {
            return nil
        }

        // PaperDigest: strings, Bools and Ints are no custom representation; they skip the cast.
        if !Self.isPlain(child), let custom = child as? MustacheCustomRepresentation {
            guard let representation = custom.representation else { return nil }
            child = representation
        }

        // if we want to run a transform and the current child can have transforms applied to it then
        // run transform on the current child
        for transform in transforms.reversed() {
            if let runnable = child as? MustacheTransformable,
                let transformed = runnable.transform(transform)
            {
                child = transformed
                continue
            }

            // return nil if transform is unsuccessful or has returned nil
            return nil
        }
        return child
    }

    // PaperDigest: a String, Int or Bool — a field's text, a count, a flag — known by its exact
    // type, a compare of two pointers, where a cast to each protocol it is not cost 300–1,200
    // instructions. None is a lambda, sequence, custom representation or parent, here or in
    // digest, and their mirrors have no children.
    private static func isPlain(_ value: Any) -> Bool {
        let kind = type(of: value)
        return kind == String.self || kind == Int.self || kind == Bool.self
    }

    // PaperDigest: a name's dot looked for over its stored bytes, not by iterating its `utf8`
    // view, which reads the storage anew at every byte (a third of a name's lookup).
    private static func hasDot(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { $0.contains(UInt8(ascii: ".")) }
    }

    private func unwrapIfAnyContainsOptional(_ value: Any) -> Any {
        guard let opt = value as? AnyOptional else { return value }
        return opt.anyWrapped ?? value  // nil? keep the original Optional.none
    }
}

// PaperDigest: a template rendered onto the end of a String its caller holds, the way each
// template renders into the one it is in (`render(context:into:)`); digest's tests render
// whole pages through it.
extension MustacheLibrary {
    /// Render `object` with the template named `name` onto the end of `string` (the same text
    /// as `render(_:withTemplate:)` gives); false, with `string` as it was, when there is no
    /// such template.
    public func render(_ object: Any, withTemplate name: String, into string: inout String) -> Bool {
        guard let template = self.getTemplate(named: name) else { return false }
        template.render(context: .init(object, library: self), into: &string)
        return true
    }

    /// The same, onto the end of UTF-8 bytes: the same text, as bytes, never made a String.
    public func render(_ object: Any, withTemplate name: String, into bytes: inout MustacheBytes) -> Bool {
        guard let template = self.getTemplate(named: name) else { return false }
        template.render(context: .init(object, library: self), into: &bytes)
        return true
    }
}

// PaperDigest: what a render puts its text onto: a String, or UTF-8 bytes (`MustacheBytes`),
// which a page written to a file needs. Each `+=` of a String onto a String, ~430 instructions,
// was a sixth of rendering a page at 10k papers, and a String made of bytes (digest's list
// items) is checked as UTF-8 when made.
public protocol MustacheOutput {
    mutating func append(_ text: String)
    /// A custom renderable put in unescaped (`{{{name}}}`): its `renderText`.
    mutating func append(unescaped renderable: MustacheCustomRenderable)
}

extension String: MustacheOutput {
    public mutating func append(unescaped renderable: MustacheCustomRenderable) {
        self += renderable.renderText
    }
}

/// PaperDigest: a render's text as UTF-8 bytes.
public struct MustacheBytes: MustacheOutput {
    public var bytes: [UInt8]

    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// A renderable that writes its own bytes (`MustacheBytesRenderable`) writes them here;
    /// any other is its `renderText`.
    public mutating func append(unescaped renderable: MustacheCustomRenderable) {
        if let writer = renderable as? MustacheBytesRenderable {
            writer.write(into: &bytes)
        } else {
            append(renderable.renderText)
        }
    }
}

/// PaperDigest: a custom renderable that can write its unescaped text as UTF-8 bytes, the same
/// text as its `renderText`, without making that String.
public protocol MustacheBytesRenderable: MustacheCustomRenderable {
    func write(into bytes: inout [UInt8])
}

// PaperDigest: a section over a sequence, into the text being rendered (as upstream's
// `renderSection(with:context:)` in Sequence.swift, which gives the same text as a String).
extension MustacheSequence {
    func renderSection<Output: MustacheOutput>(with template: MustacheTemplate, context: MustacheContext, into string: inout Output) {
        var sequenceContext = MustacheSequenceContext(first: true)

        var iterator = makeIterator()
        guard var currentObject = iterator.next() else { return }

        while let object = iterator.next() {
            template.render(context: context.withSequence(currentObject, sequenceContext: sequenceContext), into: &string)
            currentObject = object
            sequenceContext.first = false
            sequenceContext.index += 1
        }

        sequenceContext.last = true
        template.render(context: context.withSequence(currentObject, sequenceContext: sequenceContext), into: &string)
    }
}

// PaperDigest: a template that is text and plain variables alone, as its parts, so that a
// caller can put values in without a render: digest's list items (`{{url}}`, `{{name}}`, a
// count) are rendered once per item, 155k of them for one site's author index, and a render
// pushes a context and looks each name up through the stack. Also a section or an inverted
// section over a plain name that holds text and plain variables alone
// (`{{#byline}} <span>{{byline}}</span>{{/byline}}`, `{{^last}}, {{/last}}`), which a caller
// fills in as `renderSection` and `renderInvertedSection` render them for a String, an Int, a
// Bool or nothing. Nil when the template holds anything else: a section in a section, a
// partial, a block, a name with a dot or a transform, or a content type other than the one it
// starts with (which sets how `{{name}}` escapes).
extension MustacheTemplate {
    public enum FlatPart: Sendable, Equatable {
        case text(String)
        /// A name's value, escaped by the template's content type unless `escaped` is false.
        case variable(String, escaped: Bool)
        /// A section over a name's value, and what it holds (text and variables alone).
        case section(String, [FlatPart])
        /// An inverted section over a name's value, and what it holds (text and variables alone).
        case invertedSection(String, [FlatPart])
    }

    public var flatParts: [FlatPart]? { self.flatParts(inSection: false) }

    private func flatParts(inSection: Bool) -> [FlatPart]? {
        var parts: [FlatPart] = []
        for (index, token) in tokens.enumerated() {
            switch token {
            case .text(let text): parts.append(.text(text))
            case .variable(let name, let transforms) where transforms.isEmpty && !name.isEmpty && !Self.hasDot(name):
                parts.append(.variable(name, escaped: true))
            case .unescapedVariable(let name, let transforms) where transforms.isEmpty && !name.isEmpty && !Self.hasDot(name):
                parts.append(.variable(name, escaped: false))
            case .section(let name, let transforms, let template) where !inSection && transforms.isEmpty && !name.isEmpty && !Self.hasDot(name):
                guard let inner = template.flatParts(inSection: true) else { return nil }
                parts.append(.section(name, inner))
            case .invertedSection(let name, let transforms, let template) where !inSection && transforms.isEmpty && !name.isEmpty && !Self.hasDot(name):
                guard let inner = template.flatParts(inSection: true) else { return nil }
                parts.append(.invertedSection(name, inner))
            case .contentType where index == 0 && !inSection: continue
            default: return nil
            }
        }
        return parts
    }
}
