/** Deterministic pseudo-random numbers (mulberry32), so the demo community is the same on every machine. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
    shuffle: <T>(xs: T[]): T[] => {
      const a2 = [...xs];
      for (let i = a2.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [a2[i], a2[j]] = [a2[j], a2[i]];
      }
      return a2;
    },
  };
}
export type Rng = ReturnType<typeof rng>;

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤".split(
    "",
  );
const GIVEN =
  "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红梅鹏飞辉建国志文斌宇浩凯俊峰婷雪琳晨欣怡嘉豪子涵梓轩思雨诗雅佳慧宏海波亮林燕琴云凤春晓丹颖鑫瑞泽睿博阳晶蕾楠蓉薇娟莉".split(
    "",
  );

export function personName(r: Rng) {
  const n = r.chance(0.7) ? 2 : 1;
  let s = r.pick(SURNAMES);
  for (let i = 0; i < n; i++) s += r.pick(GIVEN);
  return s;
}

const AREAS = [
  "440309",
  "440306",
  "440307",
  "441481",
  "440882",
  "445281",
  "430524",
  "431021",
  "360731",
  "450881",
  "421127",
  "510722",
  "411522",
  "350581",
  "441581",
];

/** A fake but well-formed 18-digit resident ID (GB 11643 check digit). Registered residents get Longhua's area code. */
export function idNumber(r: Rng, birth: string, gender: "M" | "F", local: boolean) {
  const area = local ? "440309" : r.pick(AREAS.slice(1));
  const seq = String(r.int(0, 99)).padStart(2, "0");
  const g = gender === "M" ? r.pick([1, 3, 5, 7, 9]) : r.pick([0, 2, 4, 6, 8]);
  const body = area + birth.replace(/-/g, "") + seq + g;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((s, wi, i) => s + wi * Number(body[i]), 0);
  return body + "10X98765432"[sum % 11];
}

export function phone(r: Rng) {
  return (
    r.pick(["138", "139", "135", "136", "137", "150", "151", "152", "158", "159", "186", "187", "188", "189", "177", "199"]) +
    String(r.int(0, 99_999_999)).padStart(8, "0")
  );
}

export function birthDate(r: Rng, minAge: number, maxAge: number, refYear = 2024) {
  const y = refYear - r.int(minAge, maxAge);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
