-- HTML output: number figure and table captions ("Figur 3:", "Tabel 12:") across the whole
-- book, in the same order as Typst numbers them in the PDF, so both editions can be cited alike.

local figures, tables = 0, 0

local function prefix(blocks, label)
  local first = blocks[1]
  local lead = {pandoc.Strong({pandoc.Str(label)}), pandoc.Space()}
  if first and (first.t == "Plain" or first.t == "Para") then
    first.content = pandoc.Inlines(lead) .. first.content
  else
    blocks:insert(1, pandoc.Plain(lead))
  end
  return blocks
end

function Figure(fig)
  figures = figures + 1
  fig.caption.long = prefix(fig.caption.long, "Figur " .. figures .. ":")
  return fig
end

function Table(tbl)
  if #tbl.caption.long == 0 then
    return nil
  end
  tables = tables + 1
  tbl.caption.long = prefix(tbl.caption.long, "Tabel " .. tables .. ":")
  return tbl
end
