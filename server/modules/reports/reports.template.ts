// The default template of the annual work report: the structure and sentences of the seed (the 2024
// report of 福民社区), kept as data. A placeholder is `{figure.key}` or `{figure.key:form}` (forms in
// reports.numbers.rules.ts); `{region}`, `{year}` and `{nextYear}` name the report's own. A sentence
// whose figure is not recorded for a community (or is 0) is left out and flagged for the editor.

export type TemplateSection = { heading: string; level: 1 | 2; paragraphs: string[][]; chart?: boolean };
export type ReportTemplate = { title: string; sections: TemplateSection[] };

export const DEFAULT_TEMPLATE: ReportTemplate = {
  title: "{region}{year}年工作报告",
  sections: [
    {
      heading: "",
      level: 1,
      paragraphs: [
        [
          "{year}年，{region}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，坚决执行区和街道的决策部署，发挥社区党委核心作用，通过抓党建、强治理、惠民生、促发展，持续打造共建共治共享的社会治理格局，力促各项工作取得新成效。现将工作情况汇报如下：",
        ],
      ],
    },
    { heading: "一、主要工作", level: 1, paragraphs: [] },
    {
      heading: "（一）扛牢主责，党建引领政治担当",
      level: 2,
      chart: true,
      paragraphs: [
        [
          "一是强化责任担当，落实党建首要职责。",
          "全年召开党委会议{party.committee_meetings}次。",
          "召开党建工作部署总结会{party.planning_meetings}次，专项研讨社区基层党建工作，确保党建方向精准、推进有力。",
          "二是严守制度规范，夯实党建基础。",
          "全年开展主题党日{party.theme_days}次。",
          "开展“三会一课”{party.three_meetings_one_lesson}场。",
          "严谨党员发展流程，精细管理党员发展资料，全年发展党员{party.new_members}名，为党组织注入新鲜活力。",
          "三是聚焦班子建设，增强党组织领导力。",
          "高效完成{party.company_elections}个股份合作公司换届。",
          "新建{party.new_village_branches}个城中村党支部。",
          "完成党支部委员补选{party.by_elections}次、党支部书记任免{party.secretary_changes}次。",
          "股份公司“一肩挑”比例达{party.company_dual_role_ratio:%}，",
          "交叉任职比例达{party.company_cross_role_ratio:%}，推动党建引领集体经济发展。",
        ],
      ],
    },
    {
      heading: "（二）固本强基，阵地建设成效显著",
      level: 2,
      chart: true,
      paragraphs: [
        [
          "一是开放新建党群阵地，延伸服务覆盖范围。",
          "全年启用党群服务阵地{venue.opened}个，拓宽党群服务圈。",
          "全年依托阵地举办常态化服务活动{venue.regular_activities:逾}场，受众{venue.regular_attendance:超}人次，服务覆盖面与影响力大幅提升。",
          "二是深耕党群阵地服务效能，促进服务品质升级。",
          "组织开展{venue.trainings}场优质服务专题培训，覆盖社区工作人员、发展对象、志愿者等{venue.training_attendance}人次，全面提升人员专业素养。",
          "建立巡查机制，共自查自纠{venue.self_check_issues}项问题，确保阵地设施完备。",
        ],
      ],
    },
    {
      heading: "（三）服务为民，党建惠民聚力暖心",
      level: 2,
      chart: true,
      paragraphs: [
        [
          "一是民生微实事更有“质感”。",
          "扎实推进{projects.count}个民生微实事项目，投入资金{projects.spend:万元}，用直观可感的改变增进居民幸福感。",
          "二是品牌亲邻服务更有温度。",
          "坚持{activities.walkathon_edition}年打造“为爱益行”公益徒步，铸就经典服务品牌。",
          "开展各类亲邻服务活动{activities.count:余}场，服务居民{activities.attendance:近}人次，增强社区凝聚力与归属感。",
          "三是社区治理更有满意度。",
          "通过{activities.tea_talks}场“书记茶话会”广纳民意，",
          "收集并解决居民建议诉求{appeals.tea_talk_resolved}条；",
          "各级党组织聚焦民生诉求，解决居民急难愁盼问题{appeals.urgent_needs_resolved}项。",
          "“社区丈量”深入基层，精准收集并{appeals.survey_resolution_rate:百分百}解决民生诉求{appeals.survey_cases}条。",
          "四是多元联动关爱更有深度。",
          "开展暖心慰问活动{care.visits:余}次，覆盖{care.households}户次困难群众与困境家庭。",
        ],
      ],
    },
    {
      heading: "（四）共建共治，激活治理创新动力",
      level: 2,
      chart: true,
      paragraphs: [
        [
          "一是优化整合社区资源，焕发治理新动能。",
          "二是聚力协同共治，共筑社会治理新格局。",
          "遵循“成熟即建”原则，组建志愿服务队，累计开展夜巡活动{volunteers.night_patrols}场，",
          "化解安全问题{safety.night_patrol_hazards_resolved:余}项。",
        ],
      ],
    },
    {
      heading: "（五）群团携手，凝聚力量绽放异彩",
      level: 2,
      chart: true,
      paragraphs: [
        [
          "社区{volunteers.five_star}名志愿者骨干成功获评深圳市“五星级义工”，彰显社区志愿服务风采。",
          "创新推行“网格+妇联”工作模式，成功组建{orgs.grid_women_federations}个网格妇联及{orgs.new_sector_women_orgs}个“三新”妇女组织，夯实基层妇女工作基础。",
          "组织女性骨干自主开展家长学堂、走访慰问等公益服务活动，覆盖人群{activities.women_outreach_attendance:超}人次。",
        ],
      ],
    },
    {
      heading: "（六）平安建设，群策群力共同奋进",
      level: 2,
      chart: true,
      paragraphs: [
        [
          "一是采用智能巡检管理系统实现定位打卡、互通互联，全年对辖区{patrol.points}个巡查点，累计巡查{patrol.checkins:余}次，强化群防群治力量。",
          "二是健全“定格化+三级调解”矛盾纠纷调解机制，有效化解矛盾纠纷{safety.disputes_resolved}起。",
          "三是加强安全防范，保障居民安全。",
          "坚持每日开展安全检查，共{safety.inspections:余}次。",
          "组织开展消防演练、防灾减灾知识讲座等活动{safety.drills}场次。",
          "四是及时妥善处理企业劳资争议{safety.labor_disputes}宗，",
          "以调解形式友好协调解决纠纷{safety.labor_mediated}宗，",
          "共追回{safety.labor_recovered:万元}。",
          "五是依托“民意速办”平台，共处理案件{appeals.cases}宗，",
          "受理并成功化解群众诉求案件共计{appeals.resident_resolved}宗，化解率{appeals.resident_resolution_rate:%}。",
        ],
      ],
    },
    { heading: "二、存在问题", level: 1, paragraphs: [] },
    {
      heading: "（一）党建引领力度还需进一步加强",
      level: 2,
      paragraphs: [["党组织班子成员持证率为{party.certified_share:%}，仍需提升；"], ["党组织会议按期召开率为{party.compliance_rate:%}。"]],
    },
    {
      heading: "（二）社区治理效能还需进一步精准",
      level: 2,
      paragraphs: [["逾期未整改的安全隐患{safety.hazards_overdue}项，需加强督办。"], ["诉求满意率为{appeals.satisfaction_rate:%}，部分类别满意度有待提升。"]],
    },
    { heading: "三、认识体会和努力方向", level: 1, paragraphs: [] },
    {
      heading: "",
      level: 2,
      paragraphs: [
        [
          "{nextYear}年，{region}将坚定不移地贯彻区及街道的决策与部署，进一步强化社区党委的引领作用，紧密围绕居民需求，致力构建数字赋能、人文融合、共建共治共享的新型社区。",
        ],
      ],
    },
  ],
};
