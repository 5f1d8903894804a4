// The default two-level catalogue (大类/小类) a new deployment starts with; administrators edit it.
// Deadlines follow DOMAIN.md §1: utilities 24 h (emergency 2 h), general 7 days, complex 15 days.
// [code, name, English name, deadline hours (一般件), urgent hours (紧急件/督办件)]
type Item = [string, string, string, number, number];

export const DEFAULT_CATALOGUE: Array<{ top: Item; items: Item[] }> = [
  {
    top: ["SR", "市容环境", "City appearance", 168, 24],
    items: [
      ["SR01", "垃圾清运", "Rubbish collection", 72, 12],
      ["SR02", "乱张贴乱涂画", "Fly-posting and graffiti", 168, 24],
      ["SR03", "占道经营", "Street vending", 72, 12],
      ["SR04", "绿化养护", "Greenery upkeep", 168, 48],
      ["SR05", "污水油烟", "Sewage and cooking fumes", 168, 24],
    ],
  },
  {
    top: ["GY", "公用设施", "Public utilities", 24, 2],
    items: [
      ["GY01", "供水", "Water supply", 24, 2],
      ["GY02", "供电", "Power supply", 24, 2],
      ["GY03", "燃气", "Gas", 24, 2],
      ["GY04", "路灯", "Street lights", 72, 12],
      ["GY05", "井盖", "Manhole covers", 24, 2],
    ],
  },
  {
    top: ["SG", "施工管理", "Construction", 168, 24],
    items: [
      ["SG01", "施工噪音", "Construction noise", 72, 12],
      ["SG02", "违章搭建", "Illegal building", 360, 72],
      ["SG03", "工地围挡", "Site hoardings", 168, 24],
    ],
  },
  {
    top: ["JM", "街面秩序", "Street order", 168, 24],
    items: [
      ["JM01", "乱停车", "Illegal parking", 72, 12],
      ["JM02", "共享单车乱摆放", "Shared bikes", 72, 12],
      ["JM03", "噪音扰民", "Noise nuisance", 72, 12],
    ],
  },
  {
    top: ["TF", "突发事件", "Emergencies", 24, 2],
    items: [
      ["TF01", "消防隐患", "Fire hazard", 24, 2],
      ["TF02", "安全隐患", "Safety hazard", 24, 2],
      ["TF03", "内涝积水", "Flooding", 24, 2],
    ],
  },
  {
    top: ["MS", "民生服务", "Livelihood services", 168, 24],
    items: [
      ["MS01", "社保医保", "Social and medical insurance", 168, 48],
      ["MS02", "住房租赁", "Housing and renting", 168, 48],
      ["MS03", "劳资纠纷", "Wage disputes", 168, 24],
      ["MS04", "邻里纠纷", "Neighbour disputes", 168, 24],
      ["MS05", "教育入学", "School enrolment", 168, 48],
      ["MS06", "养老助残", "Elderly and disability care", 168, 24],
      ["MS07", "物业管理", "Property management", 168, 48],
    ],
  },
  {
    top: ["QT", "其他", "Other", 360, 72],
    items: [
      ["QT01", "政策咨询", "Policy enquiries", 168, 24],
      ["QT02", "意见建议", "Suggestions", 360, 72],
      ["QT03", "其他", "Other", 360, 72],
    ],
  },
];
