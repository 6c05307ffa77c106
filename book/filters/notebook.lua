-- Turns an executed notebook (as read by pandoc's ipynb reader) into the book's content:
-- no code anywhere, Markdown outputs parsed as Markdown, figures with caption and alt text.
-- Used by the embedded (pandoc) renderer for every notebook, before the book is assembled.

local function figure_from(img)
  local alt = img.attributes["alt"]
  local caption = img.attributes["caption"]
  if not caption then
    return nil
  end
  img.attributes["caption"] = nil
  img.attributes["width"] = nil
  img.attributes["height"] = nil
  img.caption = pandoc.Inlines(alt or caption)
  local cap = pandoc.read(caption, "markdown").blocks
  return pandoc.Figure({pandoc.Plain({img})}, {long = cap})
end

local function output_blocks(div)
  local out = pandoc.Blocks({})
  for _, b in ipairs(div.content) do
    if b.t == "RawBlock" and b.format == "markdown" then
      out:extend(pandoc.read(b.text, "markdown").blocks)
    elseif b.t == "Para" and #b.content == 1 and b.content[1].t == "Image" then
      out:insert(figure_from(b.content[1]) or b)
    elseif b.t == "CodeBlock" or b.t == "RawBlock" then
      -- plain-text, JSON (recorded results) and stream outputs never reach the reader
    else
      out:insert(b)
    end
  end
  return out
end

function Div(div)
  if div.classes:includes("cell") then
    local out = pandoc.Blocks({})
    for _, b in ipairs(div.content) do
      if b.t == "Div" and b.classes:includes("output") then
        if not (b.classes:includes("stream") or b.classes:includes("error")) then
          out:extend(output_blocks(b))
        end
      elseif b.t ~= "CodeBlock" then
        out:insert(b)
      end
    end
    return out
  end
end
