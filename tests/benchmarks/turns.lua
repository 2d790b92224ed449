-- wrk script for tests/benchmarks/run: whole walkthroughs, interleaved over 256 conversations, never two turns of
-- one conversation in flight.
--
--   wrk -tC -cC -d10s -s turns.lua <url> -- <mode> <run> <sink url> <clicks folder | signed requests file | -> <C>
--       [<conversations> [<turns each>]]
--
-- wrk keeps one Lua state per thread and does not say which connection a request or response belongs to, so the
-- run gives every thread exactly one connection (-tC -cC): thread k owns conversations k, k+C, k+2C… of 256 and,
-- its connection being sequential, sends a conversation's next turn only after the previous answer arrived,
-- moving to the thread's next conversation after each response.
--
-- Modes: typed (NotesGuard and the ceiling: Teams message activities typing a whole walkthrough), peer (the
-- botbuilder-js waterfall's three answers), execute (Action.Execute invokes carrying the button the sink picked
-- from the last card, see sink.js), slack (pre-signed Slack events from a file, see slack-requests.js).
-- args[6] is the number of conversations (256); args[7], when not 0, ends each conversation after that many turns
-- and the run when all have ended (the pre-check walks one conversation to its guidance card; the idle run leaves
-- 10,000 conversations after "hi" and one answer). A thread done with all of its conversations leaves a file in the
-- folder args[8], and the run script ends wrk with SIGINT once every thread has.

local conversations_total = 256
local limit = 0                   -- turns per conversation before it is left alone; 0: no limit
local finished_folder             -- where a thread says it is done with a limited run (args[8])
local thread_count = 0

function setup(thread)
  thread:set("index", thread_count)
  thread_count = thread_count + 1
end

-- The walkthroughs, as typed. NotesGuard: "hi", the ten answers (rulebook.yaml synonyms and titles' words), "yes"
-- at the review; then round again with "new case" (after the card, "hi" does not start another case).
local scripts = {
  typed = { "new case", "england", "police", "no", "victim", "yes", "yes", "yes", "no", "yes", "no", "yes" },
  peer = { "hi", "Police", "a letter from the local police", "Yes" },
}

local mode, run, sink, clicks
local owned = {}      -- this thread's conversations: { number, step }
local current = 1
local sent = 0
local bodies = {}     -- slack: pre-signed requests this thread sends, in turn

function init(args)
  mode, run, sink = args[1], args[2], args[3]
  local index = wrk.thread:get("index")
  -- Each thread has one connection, so the thread count (args[5]) is the connection count.
  local stride = tonumber(args[5])
  conversations_total = tonumber(args[6] or 256)
  limit = tonumber(args[7] or 0)
  finished_folder = args[8]
  for n = index, conversations_total - 1, stride do
    owned[#owned + 1] = { number = n, step = 0 }
  end
  if mode == "execute" then clicks = args[4] end
  if mode == "slack" then
    local i = 0
    for line in io.lines(args[4]) do
      if i % stride == index then bodies[#bodies + 1] = line end
      i = i + 1
    end
  end
end

local function activity(conversation, id, fields)
  local conv = "bench-" .. run .. "x" .. conversation
  return '{"type":"' .. fields.type .. '","id":"' .. id .. '","channelId":"msteams","serviceUrl":"' .. sink ..
    '","from":{"id":"29:user-' .. conversation .. '","aadObjectId":"00000000-0000-0000-0000-' .. string.format("%012d", conversation) ..
    '","name":"Bench"},"recipient":{"id":"28:notesguard","name":"NotesGuard"},"conversation":{"id":"' .. conv ..
    '","conversationType":"personal"},"locale":"en-GB"' .. fields.rest .. '}'
end

local json_headers = { ["Content-Type"] = "application/json" }

function request()
  sent = sent + 1
  if mode == "slack" then
    local line = bodies[(sent - 1) % #bodies + 1]
    local ts, signature, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
    return wrk.format("POST", "/slack/events", {
      ["Content-Type"] = "application/json", ["X-Slack-Request-Timestamp"] = ts, ["X-Slack-Signature"] = signature,
    }, body)
  end

  local c = owned[current]
  if c == nil then
    -- Every conversation of this thread has had its turns (a limited run): nothing more to say.
    wrk.thread:stop()
    return wrk.format("GET", "/healthz")
  end
  local id = "b" .. run .. "-" .. wrk.thread:get("index") .. "-" .. sent
  if mode == "execute" and c.step > 0 then
    local file = io.open(clicks .. "/" .. run .. "x" .. c.number, "r")
    if file then
      local value = file:read("*a")
      file:close()
      return wrk.format("POST", "/api/messages", json_headers, activity(c.number, id, {
        type = "invoke",
        rest = ',"name":"adaptiveCard/action","value":{"action":{"type":"Action.Execute","verb":"notesguard.answer","data":{"notesguard":"' ..
          value .. '"}},"trigger":"manual"}',
      }))
    end
  end

  local script = scripts[mode] or scripts.typed
  local text = c.step == 0 and "hi" or script[c.step % #script + 1]
  return wrk.format("POST", "/api/messages", json_headers, activity(c.number, id, {
    type = "message", rest = ',"text":"' .. text .. '"',
  }))
end


function response(status, headers, body)
  local c = owned[current]
  c.step = c.step + 1
  if c.step == limit then
    -- This conversation is left where it is; the thread stops once all of its conversations are.
    table.remove(owned, current)
    if #owned == 0 then
      -- wrk only ends a run when its duration is up (or on SIGINT): tell the run script this thread is done.
      io.open(finished_folder .. "/" .. wrk.thread:get("index"), "w"):close()
      wrk.thread:stop()
      return
    end
    if current > #owned then current = 1 end
    return
  end
  current = current % #owned + 1
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
