// The ollama JavaScript client (npm: ollama) against a tenant's Ollama-compatible API; prints what it got as JSON.
import { Ollama } from 'ollama';

const [host, key] = process.argv.slice(2);
const client = new Ollama({ host, headers: key ? { Authorization: 'Bearer ' + key } : {} });
const user = (content) => [{ role: 'user', content }];
const result = {};
result.models = (await client.list()).models.map((m) => m.name);
result.chat = (await client.chat({ model: 'hybridrag', stream: false,
  messages: user('/naive Which component carries the file events?') })).message.content;
result.chatStreamed = '';
for await (const part of await client.chat({ model: 'hybridrag', stream: true, messages: user('/mix Where are the chunks stored?') })) {
  result.chatStreamed += part.message.content;
}
result.generate = (await client.generate({ model: 'hybridrag', stream: false, prompt: '/naive Where are the chunks stored?' })).response;
result.generateStreamed = '';
for await (const part of await client.generate({ model: 'hybridrag', stream: true, prompt: '/context Kafka' })) {
  result.generateStreamed += part.response;
}
try {
  await client.chat({ model: 'hybridrag', stream: false, messages: [] });
  result.refused = '(accepted)';
} catch (e) {
  result.refused = e.message;
}
console.log(JSON.stringify(result));
