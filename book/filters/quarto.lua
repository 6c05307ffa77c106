-- Quarto renderer, Typst output: the book's boxes as in the embedded PDF (book.typ): key
-- messages (.key-messages), notices (.notice), decisions taken (.decided) and source lines
-- (.source). The content stays Pandoc blocks between two raw Typst blocks, so Quarto still
-- processes it. Every format: the front chapter's links to a chapter's box »Til udvalget«
-- (`.page-ref`, whose target id only the embedded renderer gives) are plain text.

local BOXES = {
  ["key-messages"] = '#block(width: 100%, inset: 10pt, radius: 3pt, fill: rgb("#E8F1F8"), ' ..
                     'stroke: (left: 3pt + rgb("#0072B2")), above: 0.8em, below: 1.2em)[',
  ["notice"] = '#block(width: 100%, inset: 10pt, radius: 3pt, fill: rgb("#FDF3E1"), ' ..
               'stroke: (left: 3pt + rgb("#B86E00")), above: 0.8em, below: 1.2em)[',
  ["source"] = '#block(above: 0.3em, below: 1.2em)[#set text(size: 8.5pt, fill: luma(60))\n',
  ["decided"] = '#block(width: 100%, inset: 8pt, fill: luma(245), stroke: (left: 2pt + luma(150)), ' ..
                'above: 0.6em, below: 1.2em)[#set text(size: 8.5pt, fill: luma(60))\n',
}

function Link(link)
  if link.classes:includes("page-ref") then
    return pandoc.Span(link.content)
  end
end

function Div(div)
  if not quarto.doc.is_format("typst") then
    return nil
  end
  for class, open in pairs(BOXES) do
    if div.classes:includes(class) then
      local out = pandoc.Blocks({pandoc.RawBlock("typst", open)})
      out:extend(div.content)
      out:insert(pandoc.RawBlock("typst", "]"))
      return out
    end
  end
end
