// tests/llm/conformance/conformance.mjs
//
// Keeps the scripted server honest: the providers' official SDKs (openai,
// @anthropic-ai/sdk, @google/genai; versions pinned in package.json) are
// pointed at tests/llm/scripted_llm_server.py. Each SDK's requests must pass
// the server's authentication and validation, and each SDK must read the
// server's replies — content, usage, refusals, errors — and retry its 429s
// and 5xx the way it does against the real API.
//
// Run: node tests/llm/conformance/conformance.mjs (ctest: llm_sdk_conformance).
// Exits 77 (skipped) when node_modules is missing: install with
//   npm ci --prefix tests/llm/conformance
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, 'node_modules', 'openai')) ||
    !existsSync(join(here, 'node_modules', '@anthropic-ai', 'sdk')) ||
    !existsSync(join(here, 'node_modules', '@google', 'genai'))) {
  console.log('SKIP: SDKs not installed; run: npm ci --prefix tests/llm/conformance');
  process.exit(77);
}
const { default: OpenAI } = await import('openai');
const { default: Anthropic } = await import('@anthropic-ai/sdk');
const { GoogleGenAI } = await import('@google/genai');

const KEYS = { openai: 'sk-conf-openai-0123456789', anthropic: 'sk-ant-conf-0123456789',
               gemini: 'AIzaConfGemini0123456789' };

// --- the scripted server -------------------------------------------------
const python = process.env.AUTOCOMP_TEST_PYTHON || '/usr/bin/python3';
const server = spawn(python, [join(here, '..', 'scripted_llm_server.py'), '--max-lifetime', '120'],
                     { stdio: ['pipe', 'pipe', 'inherit'] });
const port = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('server did not start')), 30000);
  createInterface({ input: server.stdout }).once('line', (line) => {
    clearTimeout(timer);
    resolve(Number(line.split(' ')[1]));
  });
});
const base = `http://127.0.0.1:${port}`;

async function control(path, body) {
  const r = await fetch(base + path, body === undefined ? {} :
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return r.json();
}
const script = (setup) => control('/_control/setup', { keys: KEYS, ...setup });
const requests = async () => (await control('/_control/log')).requests;

// --- a tiny runner -----------------------------------------------------------
let passed = 0, failed = 0;
function check(cond, what) {
  if (!cond) throw new Error('check failed: ' + what);
}
async function test(name, fn) {
  try {
    await fn();
    passed++;
    console.log('ok   ' + name);
  } catch (e) {
    failed++;
    console.log('FAIL ' + name + ': ' + (e && e.stack ? e.stack : e));
  }
}
// Deep equality up to key order.
function canonical(v) {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]));
  }
  return v;
}
function sameJson(got, want, what) {
  const a = JSON.stringify(canonical(got)), b = JSON.stringify(canonical(want));
  check(a === b, `${what}: got ${a}, want ${b}`);
}
async function rejects(promise) {
  try { await promise; } catch (e) { return e; }
  throw new Error('expected the call to fail');
}

const openai = (key = KEYS.openai) => new OpenAI({ apiKey: key, baseURL: base + '/openai/v1', maxRetries: 2 });
const anthropic = (key = KEYS.anthropic) => new Anthropic({ apiKey: key, baseURL: base + '/anthropic', maxRetries: 2 });
const gemini = (key = KEYS.gemini) => new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: base + '/gemini' } });

// --- OpenAI ------------------------------------------------------------------
await test('openai: chat completion with system, temperature, limits', async () => {
  await script({ replies: [{ content: 'hello', usage: { prompt: 11, completion: 22 } }] });
  const r = await openai().chat.completions.create({
    model: 'o3-mini', messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'hi' }],
    temperature: 0.5, max_completion_tokens: 100, reasoning_effort: 'low' });
  check(r.choices[0].message.content === 'hello', 'content');
  check(r.usage.prompt_tokens === 11 && r.usage.completion_tokens === 22, 'usage');
  const [req] = await requests();
  check(req.status === 200, 'server accepted the request');
  check(req.headers.authorization === 'Bearer ' + KEYS.openai, 'bearer key');
  // The body autocomp's client sends for the same request (llm_client_providers_test).
  sameJson(JSON.parse(req.body), { model: 'o3-mini', messages: [{ role: 'system', content: 'sys' },
    { role: 'user', content: 'hi' }], temperature: 0.5, max_completion_tokens: 100,
    reasoning_effort: 'low' }, 'body as autocomp sends it');
});
await test('openai: refusal', async () => {
  await script({ replies: [{ refusal: 'no' }] });
  const r = await openai().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });
  check(r.choices[0].message.refusal === 'no' && r.choices[0].message.content === null, 'refusal');
});
await test('openai: 429 with retry-after-ms, then success', async () => {
  await script({ replies: [{ status: 429, retry_after_ms: 50 }] });
  const r = await openai().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });
  check(r.choices[0].message.content === 'echo: x', 'content after retry');
  check((await requests()).length === 2, 'two requests');
});
await test('openai: 500 twice then success', async () => {
  await script({ replies: [{ status: 500, retry_after: '0' }, { status: 500, retry_after: '0' }] });
  const r = await openai().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });
  check(r.choices[0].message.content === 'echo: x', 'content after retries');
  check((await requests()).length === 3, 'three requests');
});
await test('openai: wrong key is a 401 AuthenticationError', async () => {
  await script({});
  const e = await rejects(openai('sk-wrong-000000000000').chat.completions.create(
    { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }));
  check(e instanceof OpenAI.AuthenticationError && e.status === 401, 'AuthenticationError 401');
  check(e.code === 'invalid_api_key', 'code invalid_api_key');
});
await test('openai: unsupported temperature is a 400 naming the parameter', async () => {
  await script({ models: { 'o3-mini': { reject: ['temperature'] } } });
  const e = await rejects(openai().chat.completions.create(
    { model: 'o3-mini', messages: [{ role: 'user', content: 'x' }], temperature: 0.2 }));
  check(e instanceof OpenAI.BadRequestError && e.param === 'temperature', 'BadRequestError param');
});
await test('openai: invalid JSON in a 200 is an error', async () => {
  await script({ replies: [{ invalid_json: true }] });
  await rejects(openai().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }));
});

// --- Anthropic ---------------------------------------------------------------
await test('anthropic: message with system and usage', async () => {
  await script({ replies: [{ content: 'plan', usage: { prompt: 5, completion: 6 } }] });
  const r = await anthropic().messages.create({
    model: 'claude-conformance', max_tokens: 64, system: 'sys', temperature: 0.3,
    messages: [{ role: 'user', content: 'hi' }] });
  check(r.content[0].type === 'text' && r.content[0].text === 'plan', 'text block');
  check(r.usage.input_tokens === 5 && r.usage.output_tokens === 6, 'usage');
  check(r.stop_reason === 'end_turn', 'stop_reason');
  const [req] = await requests();
  check(req.status === 200, 'server accepted the request');
  check(req.headers['anthropic-version'], 'anthropic-version sent');
  check(req.headers['x-api-key'] === KEYS.anthropic ||
        req.headers.authorization === 'Bearer ' + KEYS.anthropic, 'key header');
  sameJson(JSON.parse(req.body), { model: 'claude-conformance', max_tokens: 64, system: 'sys',
    temperature: 0.3, messages: [{ role: 'user', content: 'hi' }] }, 'body as autocomp sends it');
});
await test('anthropic: 529 overloaded then success', async () => {
  await script({ replies: [{ status: 529, retry_after: '0' }] });
  const r = await anthropic().messages.create({ model: 'claude-conformance', max_tokens: 8,
                                                messages: [{ role: 'user', content: 'x' }] });
  check(r.content[0].text === 'echo: x', 'content after retry');
  check((await requests()).length === 2, 'two requests');
});
await test('anthropic: refusal', async () => {
  await script({ replies: [{ refusal: 'no' }] });
  const r = await anthropic().messages.create({ model: 'claude-conformance', max_tokens: 8,
                                                messages: [{ role: 'user', content: 'x' }] });
  check(r.stop_reason === 'refusal', 'stop_reason refusal');
});
await test('anthropic: wrong key is a 401 AuthenticationError', async () => {
  await script({});
  const e = await rejects(anthropic('sk-ant-wrong-00000000').messages.create(
    { model: 'claude-conformance', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }));
  check(e instanceof Anthropic.AuthenticationError && e.status === 401, 'AuthenticationError 401');
});
await test('anthropic: temperature above 1 is a 400', async () => {
  await script({});
  const e = await rejects(anthropic().messages.create({ model: 'claude-conformance', max_tokens: 8,
    temperature: 1.5, messages: [{ role: 'user', content: 'x' }] }));
  check(e instanceof Anthropic.BadRequestError && /temperature/.test(e.message), 'BadRequestError');
});

// --- Gemini ------------------------------------------------------------------
await test('gemini: generateContent with systemInstruction and config', async () => {
  await script({ replies: [{ content: 'ideas', usage: { prompt: 7, completion: 8 } }] });
  const r = await gemini().models.generateContent({
    model: 'gemini-2.5-pro', contents: 'hi',
    config: { systemInstruction: 'sys', temperature: 0.4, maxOutputTokens: 64,
              thinkingConfig: { thinkingBudget: 1024 } } });
  check(r.text === 'ideas', 'text');
  check(r.usageMetadata.promptTokenCount === 7 && r.usageMetadata.candidatesTokenCount === 8, 'usage');
  const [req] = await requests();
  check(req.status === 200, 'server accepted the request: ' + req.status);
  check(req.headers['x-goog-api-key'] === KEYS.gemini, 'x-goog-api-key');
  // autocomp sends the same, except that its systemInstruction has no role.
  const body = JSON.parse(req.body);
  sameJson(body.contents, [{ role: 'user', parts: [{ text: 'hi' }] }], 'contents');
  sameJson(body.systemInstruction.parts, [{ text: 'sys' }], 'systemInstruction');
  sameJson(body.generationConfig, { temperature: 0.4, maxOutputTokens: 64,
    thinkingConfig: { thinkingBudget: 1024 } }, 'generationConfig');
});
await test('gemini: safety block has no text', async () => {
  await script({ replies: [{ refusal: 'no' }] });
  const r = await gemini().models.generateContent({ model: 'gemini-2.5-pro', contents: 'x' });
  check(r.candidates[0].finishReason === 'SAFETY' && !r.text, 'SAFETY, no text');
});
await test('gemini: wrong key is a 400 ApiError', async () => {
  await script({});
  const e = await rejects(gemini('AIzaWrong000000000').models.generateContent({ model: 'gemini-2.5-pro', contents: 'x' }));
  check(e.status === 400 && /API key not valid/.test(e.message), 'status 400: ' + e.status + ' ' + e.message);
});
await test('gemini: 429 RESOURCE_EXHAUSTED reaches the caller', async () => {
  await script({ replies: [{ status: 429, retry_delay: '1s' }], default: { status: 429 } });
  const e = await rejects(gemini().models.generateContent({ model: 'gemini-2.5-pro', contents: 'x' }));
  check(e.status === 429, 'status 429: ' + e.status);
});

server.stdin.end();
server.kill('SIGTERM');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
