-- wrk script: POSTs the body in $MOAT_LOAD_BODY with the bearer key in $MOAT_LOAD_KEY (if any).
local file = assert(io.open(os.getenv("MOAT_LOAD_BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("MOAT_LOAD_KEY")
if key and key ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. key
end

