-- Quarto renderer, Typst output: the book's boxes as in the embedded PDF (book.typ): key
-- messages (.key-messages), notices (.notice) and source lines (.source). The content stays
-- Pandoc blocks between two raw Typst blocks, so Quarto still processes it.

local BOXES = {
  ["key-messages"] = '#block(width: 100%, inset: 10pt, radius: 3pt, fill: rgb("#E8F1F8"), ' ..
                     'stroke: (left: 3pt + rgb("#0072B2")), above: 0.8em, below: 1.2em)[',
  ["notice"] = '#block(width: 100%, inset: 10pt, radius: 3pt, fill: rgb("#FDF3E1"), ' ..
               'stroke: (left: 3pt + rgb("#B86E00")), above: 0.8em, below: 1.2em)[',
  ["source"] = '#block(above: 0.3em, below: 1.2em)[#set text(size: 8.5pt, fill: luma(60))\n',
}

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
