import { shippedCore } from "./tests/helpers/core.js";
const { qa, cleanup } = await shippedCore();
for (const q of ["荫田镇2021年花生种了多少亩？", "荫田镇2021年新建了几座桥？"]) {
  const a = await qa.ask(q, { today: new Date("2026-11-30T12:00:00") });
  console.log(a.refused, a.answer.slice(0, 120));
}
await cleanup();
