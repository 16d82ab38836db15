<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>The station data is damaged</source>
        <translation>工作站数据已损坏</translation>
    </message>
    <message>
        <source>The station data is damaged.</source>
        <translation>工作站数据已损坏。</translation>
    </message>
    <message>
        <source>The automatic backup is overdue: the last good one is more than two days old. Plug in the backup disk or USB stick, or see Settings → Automatic backups.</source>
        <translation>自动备份已逾期：上一份成功的备份已超过两天。请插上备份用的移动硬盘或U盘，或到“设置 → 自动备份”查看。</translation>
    </message>
    <message>
        <source>Backup overdue</source>
        <translation>备份已逾期</translation>
    </message>
    <message>
        <source>People&apos;s suggestion collection station</source>
        <translation>人民建议征集工作站</translation>
    </message>
    <message>
        <source>Already open</source>
        <translation>程序已打开</translation>
    </message>
    <message>
        <source>The station app is already open on this computer for this data folder:
%1

Switch to the open window (look in the task bar) instead of starting it again.</source>
        <translation>本机已经打开了这个数据目录的工作站程序：
%1

请切换到已打开的窗口（看看任务栏），不要重复启动。</translation>
    </message>
    <message>
        <source>Cannot open the station data</source>
        <translation>无法打开工作站数据</translation>
    </message>
</context>
<context>
    <name>BackupBox</name>
    <message>
        <source>Automatic backups (database and scans)</source>
        <translation>自动备份（数据库和扫描件）</translation>
    </message>
    <message>
        <source>e.g. the USB stick or a second disk</source>
        <translation>例如U盘或第二块硬盘</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Backups kept</source>
        <translation>保留份数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No folder chosen: no automatic backups are made.</source>
        <translation>尚未选择文件夹：目前不会自动备份。</translation>
    </message>
    <message>
        <source>Last successful backup: %1</source>
        <translation>上次成功备份：%1</translation>
    </message>
    <message>
        <source>No backup has succeeded yet.</source>
        <translation>还没有成功备份过。</translation>
    </message>
    <message>
        <source>Last problem: %1</source>
        <translation>上次出现的问题：%1</translation>
    </message>
    <message>
        <source>Overdue: the last good backup is more than two days old.</source>
        <translation>已逾期：上一份成功的备份已超过两天。</translation>
    </message>
    <message>
        <source>Folder for the backups</source>
        <translation>备份保存到的文件夹</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>No data for this period</source>
        <translation>这段时间没有数据</translation>
    </message>
</context>
<context>
    <name>BlankFormsDialog</name>
    <message>
        <source>Blank suggestion forms</source>
        <translation>空白人民建议征集表</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <source>Each form gets its own number and a QR code, so that a filled form coming back through the postbox is read field by field. The numbers printed are recorded.</source>
        <translation>每张征集表都有自己的编号和二维码，填好后从信箱收回时，程序会逐栏识别。打印出的编号会被记录下来。</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>How many</source>
        <translation>张数</translation>
    </message>
    <message>
        <source>Preparing the forms…</source>
        <translation>正在生成征集表…</translation>
    </message>
    <message>
        <source>Sent to the printer</source>
        <translation>已发送到打印机</translation>
    </message>
    <message>
        <source>Save blank forms as PDF</source>
        <translation>将空白征集表另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>%1: forms %2 to %3.</source>
        <translation>%1：编号 %2 至 %3。</translation>
    </message>
</context>
<context>
    <name>CampaignQuestions</name>
    <message>
        <source>Topic: %1</source>
        <translation>主题：%1</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>A number</source>
        <translation>请填数字</translation>
    </message>
</context>
<context>
    <name>CampaignsModel</name>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>征集活动</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>征集时间</translation>
    </message>
    <message>
        <source>Collected here</source>
        <translation>本站已收集</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>截至%1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>%1起</translation>
    </message>
    <message>
        <source>no fixed dates</source>
        <translation>不限时间</translation>
    </message>
    <message>
        <source>%1 + %2 questionnaires</source>
        <translation>%1 + 问卷 %2</translation>
    </message>
</context>
<context>
    <name>CampaignsScreen</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Campaigns summary</source>
        <translation>主动征集情况汇总</translation>
    </message>
    <message>
        <source>HQ has not sent any campaign yet. Campaigns arrive with the next sync.</source>
        <translation>总部还没有下发征集活动。征集活动会在下次同步时收到。</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>主动征集</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>征集说明</translation>
    </message>
    <message>
        <source>Extra questions to ask</source>
        <translation>需要另外问的问题</translation>
    </message>
    <message>
        <source>Collected at this station</source>
        <translation>本站收集情况</translation>
    </message>
    <message>
        <source>In all</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>&amp;Record a suggestion for this campaign</source>
        <translation>为这个活动登记建议(&amp;R)</translation>
    </message>
    <message>
        <source>Active: %1 · not started: %2 · ended: %3 · collected at this station: %4</source>
        <translation>进行中：%1个 · 未开始：%2个 · 已结束：%3个 · 本站共收集建议：%4件</translation>
    </message>
    <message>
        <source>Choose a campaign on the list.</source>
        <translation>请在列表中选一个征集活动。</translation>
    </message>
    <message>
        <source>This campaign has ended: suggestions are recorded without it.</source>
        <translation>这个活动已经结束，建议请按普通建议登记。</translation>
    </message>
    <message>
        <source>This campaign has not started yet.</source>
        <translation>这个活动还没有开始。</translation>
    </message>
    <message>
        <source>ends today</source>
        <translation>今天结束</translation>
    </message>
    <message>
        <source>%1 days left</source>
        <translation>还剩%1天</translation>
    </message>
    <message>
        <source>starts in %1 days</source>
        <translation>%1天后开始</translation>
    </message>
    <message>
        <source>No extra questions: record the suggestion as usual.</source>
        <translation>没有附加问题，照平常一样登记就行。</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>填数字</translation>
    </message>
    <message>
        <source>yes or no</source>
        <translation>选“是”或“否”</translation>
    </message>
    <message>
        <source>one of: %1</source>
        <translation>从中选一个：%1</translation>
    </message>
    <message>
        <source>any of: %1</source>
        <translation>可多选：%1</translation>
    </message>
    <message>
        <source>a score from %1 to %2</source>
        <translation>打分 %1 到 %2</translation>
    </message>
    <message>
        <source>in words</source>
        <translation>用文字回答</translation>
    </message>
    <message>
        <source>must be answered</source>
        <translation>必须回答</translation>
    </message>
    <message>
        <source>may be left empty</source>
        <translation>可以不填</translation>
    </message>
</context>
<context>
    <name>CategoryBox</name>
    <message>
        <source>Choose a category (type e.g. dt or 电梯)…</source>
        <translation>请选择类别（可输入 dt 或 电梯 查找）…</translation>
    </message>
    <message>
        <source>Type part of the name, its pinyin initials (dt) or pinyin (dianti).</source>
        <translation>输入类别名称中的字、拼音首字母（dt）或拼音（dianti）即可查找。</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Correct suggestion %1</source>
        <translation>更正建议 %1</translation>
    </message>
    <message>
        <source>Correct a typing mistake. The first version stays in the history and HQ receives the corrected text at the next sync.</source>
        <translation>更正录入时的错字。原来的版本留在办理记录里，下次同步时总部会收到更正后的内容。</translation>
    </message>
    <message>
        <source>e.g. wrong building number</source>
        <translation>例如：楼号写错了</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>建议内容</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>问题所在地点</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Save the correction</source>
        <translation>保存更正</translation>
    </message>
    <message>
        <source>Leave unchanged</source>
        <translation>不更正</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>月份(&amp;M)：</translation>
    </message>
    <message>
        <source>◀ &amp;Earlier</source>
        <translation>◀ 上个月(&amp;E)</translation>
    </message>
    <message>
        <source>The month before (PgUp)</source>
        <translation>看上个月（PgUp 键）</translation>
    </message>
    <message>
        <source>&amp;Later ▶</source>
        <translation>下个月(&amp;L) ▶</translation>
    </message>
    <message>
        <source>The month after (PgDn)</source>
        <translation>看下个月（PgDn 键）</translation>
    </message>
    <message>
        <source>Export &amp;XLSX…</source>
        <translation>导出 XLSX 表格(&amp;X)…</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>导出 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>Only an administrator can export the monthly report.</source>
        <translation>只有管理员可以导出月报。</translation>
    </message>
    <message>
        <source>The station administrator exports the monthly report.</source>
        <translation>月报由本站管理员导出。</translation>
    </message>
    <message>
        <source>Suggestions received</source>
        <translation>收到的建议（件）</translation>
    </message>
    <message>
        <source>On-time feedback rate</source>
        <translation>按时反馈率</translation>
    </message>
    <message>
        <source>Postbox letters still open</source>
        <translation>邮筒信件待处理</translation>
    </message>
    <message>
        <source>Overdue to inform</source>
        <translation>逾期未告知</translation>
    </message>
    <message>
        <source>Due soon to inform</source>
        <translation>快到期待告知</translation>
    </message>
    <message>
        <source>The last 12 months</source>
        <translation>近12个月</translation>
    </message>
    <message>
        <source>By channel</source>
        <translation>按渠道</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>By status</source>
        <translation>按状态</translation>
    </message>
    <message>
        <source>By campaign</source>
        <translation>按征集活动</translation>
    </message>
    <message>
        <source>%1: loading…</source>
        <translation>%1：正在统计…</translation>
    </message>
    <message>
        <source>The figures could not be loaded</source>
        <translation>统计数字没能读出来</translation>
    </message>
    <message>
        <source>Figures for %1</source>
        <translation>%1统计</translation>
    </message>
    <message>
        <source>%1 of %2 on time</source>
        <translation>%2 件中按时 %1 件</translation>
    </message>
    <message>
        <source>no feedback was due in this month</source>
        <translation>本月没有到期的反馈</translation>
    </message>
    <message>
        <source>as of today</source>
        <translation>截至今天</translation>
    </message>
    <message>
        <source>Taken by HQ: %1 · waiting to go to HQ: %2 · in campaigns: %3</source>
        <translation>总部已接收：%1 件 · 等待报送总部：%2 件 · 其中征集活动：%3 件</translation>
    </message>
    <message>
        <source>Group sessions: %1 (%2 residents attending) · questionnaires received: %3</source>
        <translation>座谈会：%1 场（参加居民 %2 人次）· 收到问卷：%3 份</translation>
    </message>
    <message>
        <source>monthly report</source>
        <translation>月报</translation>
    </message>
    <message>
        <source>Export the monthly report as XLSX</source>
        <translation>导出月报（XLSX 表格）</translation>
    </message>
    <message>
        <source>Export the monthly report as PDF</source>
        <translation>导出月报（PDF）</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 表格 (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the report for %1…</source>
        <translation>正在生成%1月报…</translation>
    </message>
    <message>
        <source>Saved the report for %1 (%2 suggestions) to %3</source>
        <translation>%1月报已保存（共 %2 件建议）：%3</translation>
    </message>
    <message>
        <source>The report was not saved: the disk is full. Free some space or choose another place (for example a USB stick).</source>
        <translation>月报没有保存：磁盘已满。请先清理一些文件，或换个地方保存（比如 U 盘）。</translation>
    </message>
    <message>
        <source>The report was not saved: the folder %1 cannot be written to. Choose another folder, for example Documents, and try again.</source>
        <translation>月报没有保存：文件夹 %1 不能写入。请换一个文件夹（比如“文档”）再试一次。</translation>
    </message>
</context>
<context>
    <name>DashboardTally</name>
    <message>
        <source>Questionnaire tally</source>
        <translation>问卷统计</translation>
    </message>
    <message>
        <source>Questionnaire campaign</source>
        <translation>问卷所属征集活动</translation>
    </message>
    <message>
        <source>&amp;Campaign:</source>
        <translation>征集活动(&amp;C)：</translation>
    </message>
</context>
<context>
    <name>DraftOfferDialog</name>
    <message>
        <source>Unfinished suggestions</source>
        <translation>未完成的建议</translation>
    </message>
    <message>
        <source>(no title yet)</source>
        <translation>（尚无标题）</translation>
    </message>
    <message>
        <source>Group session speaker: </source>
        <translation>座谈会发言：</translation>
    </message>
    <message>
        <source>Continue this one</source>
        <translation>继续填写</translation>
    </message>
    <message>
        <source>Discard it</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后再说</translation>
    </message>
    <message>
        <source>These suggestions were not finished last time. Continue one?</source>
        <translation>以下建议上次没有填完。要继续填写吗？</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Enrol with HQ</source>
        <translation>向总部登记本站</translation>
    </message>
    <message>
        <source>the one-time code from HQ</source>
        <translation>总部提供的一次性登记码</translation>
    </message>
    <message>
        <source>only if HQ gave you a certificate file</source>
        <translation>仅当总部提供了证书文件时填写</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>HQ address</source>
        <translation>总部地址</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>一次性登记码</translation>
    </message>
    <message>
        <source>Certificate file</source>
        <translation>证书文件</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>证书文件 (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>Type HQ&apos;s address, starting with https://</source>
        <translation>请输入总部地址，以 https:// 开头。</translation>
    </message>
    <message>
        <source>Type the one-time code HQ gave you.</source>
        <translation>请输入总部提供的一次性登记码。</translation>
    </message>
    <message>
        <source>The certificate file cannot be found.</source>
        <translation>找不到该证书文件。</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <source>Face to face</source>
        <translation>当面</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>A short title, e.g. 小区停车难</source>
        <translation>简短标题，例如：小区停车难</translation>
    </message>
    <message>
        <source>What the suggester says (Tab or Ctrl+Enter goes to the next field)</source>
        <translation>建议人反映的内容（按 Tab 或 Ctrl+Enter 进入下一项）</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Discard (Esc)</source>
        <translation>放弃（Esc）</translation>
    </message>
    <message>
        <source>Draft saved</source>
        <translation>草稿已自动保存</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>征集活动</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>建议内容</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>问题所在地点</translation>
    </message>
    <message>
        <source>Where the issue is, e.g. 长寿路 100 弄门口</source>
        <translation>问题发生的地方，例如：长寿路 100 弄门口</translation>
    </message>
    <message>
        <source>Draft restored</source>
        <translation>已恢复草稿</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved: receipt number %1</source>
        <translation>已保存，回执编号：%1</translation>
    </message>
    <message>
        <source>Please correct the fields marked in red.</source>
        <translation>请按红字提示修改。</translation>
    </message>
    <message>
        <source>Please correct the fields marked in red: %1</source>
        <translation>请按红字提示修改：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Discard this suggestion? What was typed will be lost.</source>
        <translation>确定放弃这条建议吗？已输入的内容将被删除。</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Keep typing</source>
        <translation>继续填写</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>全部征集活动</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Received from</source>
        <translation>收到日期从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>征集活动</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Received date</source>
        <translation>收到日期</translation>
    </message>
</context>
<context>
    <name>FormFieldsBox</name>
    <message>
        <source>Paper form</source>
        <translation>纸质征集表</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Wants a reply</source>
        <translation>需要回复</translation>
    </message>
    <message>
        <source>Reply by</source>
        <translation>回复方式</translation>
    </message>
    <message>
        <source>Consent ticked</source>
        <translation>已勾选同意</translation>
    </message>
    <message>
        <source>Date filled in</source>
        <translation>填表日期</translation>
    </message>
    <message>
        <source>Suggestion text</source>
        <translation>建议内容</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>visit</source>
        <translation>上门</translation>
    </message>
    <message>
        <source>letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <source>Paper form no. %1</source>
        <translation>纸质征集表 编号 %1</translation>
    </message>
    <message>
        <source>This form number came back before (%1): the page may be a second copy.</source>
        <translation>此编号的征集表之前已收到过（%1）：这一页可能是重复的一份。</translation>
    </message>
    <message>
        <source>This form number was not printed by this station.</source>
        <translation>此编号不是本工作站打印的征集表。</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>%1% – check</source>
        <translation>%1%，请核对</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>How sure the reading is</source>
        <translation>识别把握</translation>
    </message>
    <message>
        <source>Read from the form&apos;s boxes. Yellow: %1 field(s) to check against the page.</source>
        <translation>按征集表各栏识别。黄色：%1 栏需要对照原件核对。</translation>
    </message>
    <message>
        <source>Read from the form&apos;s boxes; every field was read clearly.</source>
        <translation>按征集表各栏识别；各栏都识别清楚。</translation>
    </message>
</context>
<context>
    <name>HitRow</name>
    <message>
        <source>Same matter as %1</source>
        <translation>与%1是同一件事</translation>
    </message>
    <message>
        <source>Linked (undo)</source>
        <translation>已关联（再按一下撤销）</translation>
    </message>
    <message>
        <source>Same matter</source>
        <translation>是同一件事</translation>
    </message>
</context>
<context>
    <name>ImportPanel</name>
    <message>
        <source>Import scans… (Ctrl+I)</source>
        <translation>导入扫描件…（Ctrl+I）</translation>
    </message>
    <message>
        <source>Import a folder…</source>
        <translation>导入整个文件夹…</translation>
    </message>
    <message>
        <source>OCR engine</source>
        <translation>文字识别引擎</translation>
    </message>
    <message>
        <source>Default engine</source>
        <translation>默认引擎</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续导入</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>导入进度</translation>
    </message>
    <message>
        <source>No import running</source>
        <translation>现在没有在导入</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Import results</source>
        <translation>导入结果</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Could not read</source>
        <translation>无法读取的文件</translation>
    </message>
    <message>
        <source>Watch a folder…</source>
        <translation>自动导入文件夹…</translation>
    </message>
    <message>
        <source>Stop watching</source>
        <translation>停止自动导入</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>识别引擎</translation>
    </message>
    <message>
        <source>This import</source>
        <translation>本次导入</translation>
    </message>
    <message>
        <source>Import scans</source>
        <translation>导入扫描件</translation>
    </message>
    <message>
        <source>These files were kept aside; fix or rescan them and import them again.</source>
        <translation>这些文件已单独放着；请修好或重新扫描后再导入。</translation>
    </message>
    <message>
        <source>%1 file(s) from an unfinished import were not read yet.</source>
        <translation>上次导入没有完成，还有 %1 个文件没有读。</translation>
    </message>
    <message>
        <source>Cancelled: %1 file(s) not read yet</source>
        <translation>已取消：还有 %1 个文件没有读</translation>
    </message>
    <message>
        <source>Choose scanned letters</source>
        <translation>选择扫描的来信</translation>
    </message>
    <message>
        <source>Could not read (%1)</source>
        <translation>无法读取的文件（%1）</translation>
    </message>
    <message>
        <source>Scans (*.png *.jpg *.jpeg *.tif *.tiff *.pdf);;All files (*)</source>
        <translation>扫描件 (*.png *.jpg *.jpeg *.tif *.tiff *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a folder of scans</source>
        <translation>选择放扫描件的文件夹</translation>
    </message>
    <message>
        <source>Looking at the files…</source>
        <translation>正在查看文件…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>%1 of %2 pages</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>Read (%1% sure)</source>
        <translation>已识别（把握 %1%）</translation>
    </message>
    <message>
        <source>turned %1°</source>
        <translation>已转正 %1°</translation>
    </message>
    <message>
        <source>Nothing to import</source>
        <translation>没有可导入的文件</translation>
    </message>
    <message>
        <source>Done: %1 page(s) read, %2 could not be read</source>
        <translation>完成：读了 %1 页，%2 个无法读取</translation>
    </message>
    <message>
        <source>No watched folder</source>
        <translation>没有设置自动导入的文件夹</translation>
    </message>
    <message>
        <source>Watching %1 for new scans</source>
        <translation>正在等候 %1 里的新扫描件</translation>
    </message>
</context>
<context>
    <name>LetterDialog</name>
    <message>
        <source>Letter preview</source>
        <translation>告知书预览</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Export PDF…</source>
        <translation>导出PDF(&amp;E)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Sent to the printer</source>
        <translation>已发送到打印机</translation>
    </message>
    <message>
        <source>Export letter as PDF</source>
        <translation>把告知书导出为PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>ListDetail</name>
    <message>
        <source>Show full contact…</source>
        <translation>查看完整联系方式…</translation>
    </message>
    <message>
        <source>Show full contact</source>
        <translation>查看完整联系方式</translation>
    </message>
    <message>
        <source>Why do you need it? (logged)</source>
        <translation>为什么需要查看？（会记入日志）</translation>
    </message>
</context>
<context>
    <name>LockPanel</name>
    <message>
        <source>PIN</source>
        <translation>密码（PIN）</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>The screen is locked. %1, enter your PIN to unlock.</source>
        <translation>屏幕已锁定。请 %1 输入密码（PIN）解锁。</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>People&apos;s suggestion collection station</source>
        <translation>人民建议征集工作站</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>4 to 12 digits</source>
        <translation>4 到 12 位数字</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码（PIN）</translation>
    </message>
    <message>
        <source>Please type or choose your name.</source>
        <translation>请输入或选择您的姓名。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>People&apos;s suggestion collection station</source>
        <translation>人民建议征集工作站</translation>
    </message>
    <message>
        <source>Record a suggestion</source>
        <translation>登记建议</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>建议列表</translation>
    </message>
    <message>
        <source>To inform</source>
        <translation>待告知</translation>
    </message>
    <message>
        <source>Postbox letters</source>
        <translation>信箱来信</translation>
    </message>
    <message>
        <source>Group sessions</source>
        <translation>座谈会</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>主动征集</translation>
    </message>
    <message>
        <source>Outcomes and awards</source>
        <translation>采纳与表彰</translation>
    </message>
    <message>
        <source>Station figures</source>
        <translation>统计报表</translation>
    </message>
    <message>
        <source>Sync with HQ</source>
        <translation>与总部同步</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>操作员管理</translation>
    </message>
    <message>
        <source>%1 · Operator: %2 (%3)</source>
        <translation>%1 · 操作员：%2（%3）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New suggestion</source>
        <translation>新建议(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Log out</source>
        <translation>退出登录(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出程序(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard</source>
        <translation>键盘操作(&amp;K)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Replies to pass on: %1 overdue, %2 due within two working days. Open the list (Ctrl+3)</source>
        <translation>有待告知的答复：%1 件已逾期，%2 件两个工作日内到期。点此打开（Ctrl+3）</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>键盘操作</translation>
    </message>
    <message>
        <source>Tab / Enter: next field
Ctrl+Enter: leave the content field
Ctrl+S: save
Esc: discard (asks first)
F6: similar suggestions (on the entry form)
Ctrl+1…9, Ctrl+0: switch page (see the Go menu)
F5: sync now (on the sync page)
Ctrl+L: log out</source>
        <translation>Tab / 回车：下一项
Ctrl+回车：离开“建议内容”
Ctrl+S：保存
Esc：放弃（会先询问）
F6：相似建议（在登记页面）
Ctrl+1…9、Ctrl+0：切换页面（见“转到”菜单）
F5：立即同步（在同步页面）
Ctrl+L：退出登录</translation>
    </message>
</context>
<context>
    <name>NewCollectionDialog</name>
    <message>
        <source>New postbox collection</source>
        <translation>登记开箱</translation>
    </message>
    <message>
        <source>The number on the postbox, e.g. PB-01</source>
        <translation>信箱上的编号，例如 PB-01</translation>
    </message>
    <message>
        <source>←/→ choose year, month, day, hour or minute; ↑/↓ change it; Tab leaves</source>
        <translation>←/→ 选择年、月、日、时、分；↑/↓ 修改；Tab 离开此栏</translation>
    </message>
    <message>
        <source>Who watched the postbox being opened</source>
        <translation>在场见证开箱的人</translation>
    </message>
    <message>
        <source>Number of letters</source>
        <translation>来信封数</translation>
    </message>
    <message>
        <source>Postbox</source>
        <translation>信箱</translation>
    </message>
    <message>
        <source>Opened at</source>
        <translation>开箱时间</translation>
    </message>
    <message>
        <source>Opened by</source>
        <translation>开箱人</translation>
    </message>
    <message>
        <source>Witness</source>
        <translation>见证人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Record the collection</source>
        <translation>登记</translation>
    </message>
</context>
<context>
    <name>NotSuggestionDialog</name>
    <message>
        <source>Not a suggestion</source>
        <translation>不是建议</translation>
    </message>
    <message>
        <source>Why is this letter not a suggestion?</source>
        <translation>这封信为什么不是建议？</translation>
    </message>
    <message>
        <source>Note (needed for “other”)</source>
        <translation>备注（选“其他”时必填）</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>OperatorsScreen</name>
    <message>
        <source>4 to 12 digits</source>
        <translation>4 到 12 位数字</translation>
    </message>
    <message>
        <source>Add operator</source>
        <translation>添加操作员</translation>
    </message>
    <message>
        <source>Add an operator</source>
        <translation>添加操作员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码（PIN）</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>操作员管理</translation>
    </message>
    <message>
        <source>The two PINs are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation>已添加 %1。</translation>
    </message>
</context>
<context>
    <name>OutcomesModel</name>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Suggester</source>
        <translation>建议人</translation>
    </message>
    <message>
        <source>Result date</source>
        <translation>结果日期</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>回执编号</translation>
    </message>
</context>
<context>
    <name>OutcomesScreen</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Outcomes summary</source>
        <translation>办理结果汇总</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>&amp;All (%1)</source>
        <translation>全部（%1）(&amp;A)</translation>
    </message>
    <message>
        <source>A&amp;dopted (%1)</source>
        <translation>已采纳（%1）(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Implemented (%1)</source>
        <translation>已落实（%1）(&amp;I)</translation>
    </message>
    <message>
        <source>A&amp;warded (%1)</source>
        <translation>获评优秀（%1）(&amp;W)</translation>
    </message>
    <message>
        <source>Adopted, implemented and awarded suggestions</source>
        <translation>已采纳、已落实和获奖的建议</translation>
    </message>
    <message>
        <source>What HQ decided</source>
        <translation>总部办理结果</translation>
    </message>
    <message>
        <source>The suggester</source>
        <translation>建议人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>&amp;Print notice… (Ctrl+P)</source>
        <translation>打印结果通知书(&amp;P)… (Ctrl+P)</translation>
    </message>
    <message>
        <source>The notice carries the suggester&apos;s name and address for posting; printing it is logged.</source>
        <translation>通知书上印有建议人的姓名和地址，方便邮寄；打印会记入日志。</translation>
    </message>
    <message>
        <source>Adopted: %1 · implemented: %2 · awarded as excellent: %3</source>
        <translation>已采纳：%1件 · 已落实：%2件 · 获评优秀建议：%3件</translation>
    </message>
    <message>
        <source>Nothing here yet. HQ&apos;s decisions arrive with each sync.</source>
        <translation>暂时还没有。总部的办理结果会在每次同步时收到。</translation>
    </message>
    <message>
        <source>None of this kind.</source>
        <translation>这一类暂时没有。</translation>
    </message>
    <message>
        <source>Choose a suggestion on the list.</source>
        <translation>请在列表中选一条建议。</translation>
    </message>
    <message>
        <source>Received %1</source>
        <translation>收到日期：%1</translation>
    </message>
    <message>
        <source>HQ&apos;s note: %1</source>
        <translation>总部说明：%1</translation>
    </message>
    <message>
        <source>Award: %1</source>
        <translation>表彰：%1</translation>
    </message>
    <message>
        <source>Anonymous: the notice has no name or address</source>
        <translation>匿名建议：通知书上没有姓名和地址</translation>
    </message>
    <message>
        <source>Personal data has been deleted</source>
        <translation>个人信息已删除</translation>
    </message>
</context>
<context>
    <name>PageTurnBar</name>
    <message>
        <source>Turn as shown and read again (Ctrl+R)</source>
        <translation>按所示方向转正并重新识别（Ctrl+R）</translation>
    </message>
    <message>
        <source>Wrong way up? Turn the page upright with Ctrl+[ or Ctrl+], then Ctrl+R reads it again. Without a turn, Ctrl+R turns it upside down.</source>
        <translation>方向不对？先用 Ctrl+[ 或 Ctrl+] 把页面转正，再按 Ctrl+R 重新识别。没有转动时，Ctrl+R 会把页面上下颠倒后识别。</translation>
    </message>
    <message>
        <source>Read as scanned: the app did not turn this page.</source>
        <translation>按扫描原样识别：程序没有转动这一页。</translation>
    </message>
    <message>
        <source>The app turned this page a quarter turn to the left (90°) to read it.</source>
        <translation>程序把这一页向左转了 90° 后识别。</translation>
    </message>
    <message>
        <source>The app turned this page upside down (180°) to read it.</source>
        <translation>程序把这一页上下颠倒（转 180°）后识别。</translation>
    </message>
    <message>
        <source>The app turned this page a quarter turn to the right (90°) to read it.</source>
        <translation>程序把这一页向右转了 90° 后识别。</translation>
    </message>
    <message>
        <source>Reading the page again, turned %1°…</source>
        <translation>正在转动 %1° 后重新识别这一页…</translation>
    </message>
</context>
<context>
    <name>PageViewer</name>
    <message>
        <source>Scanned page</source>
        <translation>扫描页</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>缩小（Ctrl+-）</translation>
    </message>
    <message>
        <source>Smaller</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>放大（Ctrl++）</translation>
    </message>
    <message>
        <source>Larger</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Turn left</source>
        <translation>向左转</translation>
    </message>
    <message>
        <source>Turn right</source>
        <translation>向右转</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Show the whole page (Ctrl+0)</source>
        <translation>显示整页（Ctrl+0）</translation>
    </message>
    <message>
        <source>Page width</source>
        <translation>页宽</translation>
    </message>
    <message>
        <source>Fit the page&apos;s width (Ctrl+9)</source>
        <translation>按页宽显示（Ctrl+9）</translation>
    </message>
    <message>
        <source>Turn the page left (Ctrl+[)</source>
        <translation>向左转（Ctrl+[）</translation>
    </message>
    <message>
        <source>Turn the page right (Ctrl+])</source>
        <translation>向右转（Ctrl+]）</translation>
    </message>
    <message>
        <source>Loading the page…</source>
        <translation>正在打开这一页…</translation>
    </message>
    <message>
        <source>This page cannot be shown.</source>
        <translation>这一页无法显示。</translation>
    </message>
    <message>
        <source>No page</source>
        <translation>没有页面</translation>
    </message>
</context>
<context>
    <name>PostboxScreen</name>
    <message>
        <source>&amp;New collection…</source>
        <translation>登记开箱(&amp;N)…</translation>
    </message>
    <message>
        <source>Blank suggestion forms…</source>
        <translation>打印空白征集表…</translation>
    </message>
    <message>
        <source>Postbox</source>
        <translation>信箱</translation>
    </message>
    <message>
        <source>Opened at</source>
        <translation>开箱时间</translation>
    </message>
    <message>
        <source>Opened by</source>
        <translation>开箱人</translation>
    </message>
    <message>
        <source>Witness</source>
        <translation>见证人</translation>
    </message>
    <message>
        <source>Letters</source>
        <translation>来信</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>已录入</translation>
    </message>
    <message>
        <source>Not suggestions</source>
        <translation>非建议</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Postbox collections</source>
        <translation>开箱记录</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Letter no.</source>
        <translation>来信</translation>
    </message>
    <message>
        <source>Review… (Enter)</source>
        <translation>审核…（回车）</translation>
    </message>
    <message>
        <source>Not a suggestion… (Ctrl+D)</source>
        <translation>不是建议…（Ctrl+D）</translation>
    </message>
    <message>
        <source>Undo: back to pending</source>
        <translation>撤销：改回待处理</translation>
    </message>
    <message>
        <source>Add a letter found later</source>
        <translation>补登一封来信</translation>
    </message>
    <message>
        <source>Close the collection</source>
        <translation>结束本次开箱</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>开箱记录</translation>
    </message>
    <message>
        <source>Unassigned pages</source>
        <translation>未归入来信的页面</translation>
    </message>
    <message>
        <source>Unassigned pages (%1)</source>
        <translation>未归入来信的页面（%1）</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Reconciled</source>
        <translation>已全部处理</translation>
    </message>
    <message>
        <source>%1 to decide</source>
        <translation>还有 %1 封待处理</translation>
    </message>
    <message>
        <source>Cannot close yet: %1 letter(s) still to record as a suggestion or mark as not one.</source>
        <translation>还不能结束：还有 %1 封信没有处理（录入为建议，或标为“不是建议”）。</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>回执 %1</translation>
    </message>
    <message>
        <source>Ready to review (Enter)</source>
        <translation>可以审核（回车）</translation>
    </message>
    <message>
        <source>No scanned page yet</source>
        <translation>还没有扫描页</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>第 %1 封</translation>
    </message>
    <message>
        <source>Record a postbox collection first (Alt+N).</source>
        <translation>请先登记一次开箱（Alt+N）。</translation>
    </message>
    <message>
        <source>Closed at %1</source>
        <translation>已于 %1 结束</translation>
    </message>
    <message>
        <source>Every letter is decided: the collection can be closed.</source>
        <translation>每封信都已处理，可以结束本次开箱。</translation>
    </message>
</context>
<context>
    <name>QuestionnaireBox</name>
    <message>
        <source>Questionnaire tally</source>
        <translation>问卷统计</translation>
    </message>
    <message>
        <source>&amp;Type in questionnaires…</source>
        <translation>录入问卷(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Print the questionnaire…</source>
        <translation>打印问卷(&amp;P)…</translation>
    </message>
    <message>
        <source>Questionnaire as PDF…</source>
        <translation>问卷导出 PDF…</translation>
    </message>
    <message>
        <source>E&amp;xport the tally (XLSX)…</source>
        <translation>导出统计表 XLSX(&amp;X)…</translation>
    </message>
    <message>
        <source>Questionnaire as PDF</source>
        <translation>问卷导出 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>Export the tally</source>
        <translation>导出问卷统计</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>%1 answer sets written to %2</source>
        <translation>已写入 %1 份答卷：%2</translation>
    </message>
</context>
<context>
    <name>QuestionnaireDialog</name>
    <message>
        <source>Questionnaire: %1</source>
        <translation>问卷：%1</translation>
    </message>
    <message>
        <source>On paper</source>
        <translation>纸质问卷</translation>
    </message>
    <message>
        <source>At the station</source>
        <translation>现场填写</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>Came</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Close without saving this form? Its answers will be lost.</source>
        <translation>不保存就关闭这张问卷吗？已填的答案会丢失。</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Keep typing</source>
        <translation>继续填写</translation>
    </message>
    <message>
        <source>Saved: %1 this time. Next form.</source>
        <translation>已保存：本次共 %1 份。请录入下一份。</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>People&apos;s Suggestion Receipt</source>
        <translation>人民建议征集回执</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>回执编号</translation>
    </message>
    <message>
        <source>How to follow up</source>
        <translation>如何查询办理情况</translation>
    </message>
    <message>
        <source>To ask about this suggestion, quote the receipt number.</source>
        <translation>凭回执编号查询建议办理情况。</translation>
    </message>
    <message>
        <source>Station contact</source>
        <translation>工作站联系方式</translation>
    </message>
    <message>
        <source>Thank you for your suggestion.</source>
        <translation>感谢您提出宝贵建议！</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>内容摘要</translation>
    </message>
    <message>
        <source>Reply by</source>
        <translation>回复方式</translation>
    </message>
    <message>
        <source>: </source>
        <translation>：</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <source>Receipt %1</source>
        <translation>回执 %1</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>New suggestion</source>
        <translation>登记下一条</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Export receipt as PDF</source>
        <translation>将回执导出为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>ReplyLetter</name>
    <message>
        <source>d MMMM yyyy</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>Thank you for taking part in collecting people’s suggestions.</source>
        <translation>感谢您对人民建议征集工作的支持与参与！</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>收件人：</translation>
    </message>
    <message>
        <source>Dear %1:</source>
        <translation>尊敬的%1：</translation>
    </message>
    <message>
        <source>Dear suggester:</source>
        <translation>尊敬的建议人：</translation>
    </message>
    <message>
        <source>Station contact</source>
        <translation>工作站联系方式</translation>
    </message>
    <message>
        <source>If you have any questions, please contact the station and quote the receipt number.</source>
        <translation>如有疑问，请与本工作站联系，并告知回执编号。</translation>
    </message>
    <message>
        <source>Thank you for the suggestion you made at our station on %1 (receipt number %2, &quot;%3&quot;). Headquarters has replied as follows:</source>
        <translation>感谢您于%1在本工作站提出的建议（回执编号：%2，“%3”）。现将总部的答复告知如下：</translation>
    </message>
    <message>
        <source>Reply to Your Suggestion</source>
        <translation>建议答复告知书</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation>已采纳</translation>
    </message>
    <message>
        <source>Partially adopted</source>
        <translation>部分采纳</translation>
    </message>
    <message>
        <source>Implemented</source>
        <translation>已落实</translation>
    </message>
    <message>
        <source>Awarded as an excellent suggestion</source>
        <translation>获评优秀建议</translation>
    </message>
    <message>
        <source>Your suggestion made at our station on %1 (receipt number %2, &quot;%3&quot;) has been handled by headquarters with this result:</source>
        <translation>您于%1在本工作站提出的建议（回执编号：%2，“%3”）已由总部办理，结果如下：</translation>
    </message>
    <message>
        <source>Notice on Your Suggestion</source>
        <translation>建议办理结果通知书</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Review a postbox letter</source>
        <translation>审核信箱来信</translation>
    </message>
    <message>
        <source>Close the review</source>
        <translation>关闭审核</translation>
    </message>
    <message>
        <source>Close without confirming? The corrections to this letter will be lost.</source>
        <translation>不确认就关闭吗？对这封信的修改将会丢失。</translation>
    </message>
    <message>
        <source>Close and lose the corrections</source>
        <translation>关闭，不保留修改</translation>
    </message>
    <message>
        <source>Keep reviewing</source>
        <translation>继续核对</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Pages of the letter</source>
        <translation>这封信的各页</translation>
    </message>
    <message>
        <source>Recognised text</source>
        <translation>识别出的文字</translation>
    </message>
    <message>
        <source>A short title, e.g. 小区停车难</source>
        <translation>简短标题，例如：小区停车难</translation>
    </message>
    <message>
        <source>Where the issue is, e.g. 长寿路 100 弄门口</source>
        <translation>问题发生的地方，例如：长寿路 100 弄门口</translation>
    </message>
    <message>
        <source>Anonymous letter (no name or contact details)</source>
        <translation>匿名来信（没有姓名和联系方式）</translation>
    </message>
    <message>
        <source>&amp;Recognised text (the suggestion&apos;s content)</source>
        <translation>识别出的文字（即建议内容）(&amp;R)</translation>
    </message>
    <message>
        <source>The letter says its contact details may be used (check before ticking)</source>
        <translation>信中同意使用其联系方式（看过信再勾选）</translation>
    </message>
    <message>
        <source>Not a suggestion… (Ctrl+D)</source>
        <translation>不是建议…（Ctrl+D）</translation>
    </message>
    <message>
        <source>Confirm and record (Ctrl+Enter)</source>
        <translation>确认录入（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Date on the letter</source>
        <translation>信上的日期</translation>
    </message>
    <message>
        <source>Reading the page again replaces the letter&apos;s text: your corrections to it will be lost.</source>
        <translation>重新识别会替换这封信的文字，您对文字所做的修改将会丢失。</translation>
    </message>
    <message>
        <source>Read again</source>
        <translation>重新识别</translation>
    </message>
    <message>
        <source>Keep my corrections</source>
        <translation>保留我的修改</translation>
    </message>
    <message>
        <source>Page %1 read again.</source>
        <translation>第 %1 页已重新识别。</translation>
    </message>
    <message>
        <source>Yellow: %1 place(s) the OCR was unsure of. Compare them with the page and correct the text; a yellow mark goes once you edit it.</source>
        <translation>黄色：有 %1 处电脑没认准。请对照左边的原信改正；改过的地方黄色会消失。</translation>
    </message>
    <message>
        <source>Compare the text with the page and correct what was misread.</source>
        <translation>请对照左边的原信，改正认错的字。</translation>
    </message>
    <message>
        <source>title (from the heading)</source>
        <translation>标题（取自信的标题行）</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>没有找到</translation>
    </message>
    <message>
        <source>Not recorded: please correct the fields marked in red.</source>
        <translation>没有录入：请改正标红的地方。</translation>
    </message>
    <message>
        <source>Loading the letter…</source>
        <translation>正在打开这封信…</translation>
    </message>
    <message>
        <source>Letter %1 of postbox %2, opened %3</source>
        <translation>信箱 %2 第 %1 封信（%3 开箱）</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>Filled in from the letter (blue): %1. Check them against the page.</source>
        <translation>蓝色的%1是从信中找到后填好的，请对照原信核对。</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>正在录入…</translation>
    </message>
    <message>
        <source>Recorded: receipt number %1</source>
        <translation>已录入，回执号 %1</translation>
    </message>
    <message>
        <source>No letter of this collection is waiting for review.</source>
        <translation>本次开箱已没有等待审核的信。</translation>
    </message>
    <message>
        <source>Marked as not a suggestion</source>
        <translation>已标为“不是建议”</translation>
    </message>
</context>
<context>
    <name>SessionPaper</name>
    <message>
        <source>Receipts as PDF</source>
        <translation>回执导出 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>The session&apos;s campaign has no questionnaire.</source>
        <translation>本场座谈会关联的征集活动没有问卷。</translation>
    </message>
    <message>
        <source>Attach the signed sign-in sheet</source>
        <translation>添加已签名的签到表</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</source>
        <translation>扫描件 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Sign-in sheet stored: %1</source>
        <translation>签到表已保存：%1</translation>
    </message>
</context>
<context>
    <name>SessionScreen</name>
    <message>
        <source>e.g. 老旧小区加装电梯议事会</source>
        <translation>例如：老旧小区加装电梯议事会</translation>
    </message>
    <message>
        <source>Names or offices, e.g. 区建管委 王科长</source>
        <translation>姓名或部门，例如：区建管委 王科长</translation>
    </message>
    <message>
        <source>Residents on the sign-in sheet</source>
        <translation>签到表上的居民人数</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Start the session (Ctrl+Enter)</source>
        <translation>开始记录（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>A short title</source>
        <translation>简短标题</translation>
    </message>
    <message>
        <source>What the speaker suggests</source>
        <translation>发言人的建议</translation>
    </message>
    <message>
        <source>Optional; Enter with no name saves the row</source>
        <translation>可不填；不填姓名按回车即保存本条</translation>
    </message>
    <message>
        <source>Wants a reply by phone</source>
        <translation>需要电话回复</translation>
    </message>
    <message>
        <source>Agreed to the personal data notice</source>
        <translation>已同意个人信息告知</translation>
    </message>
    <message>
        <source>Save speaker (Ctrl+S)</source>
        <translation>保存本条（Ctrl+S）</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>回执编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Type what the session shares, then each speaker.</source>
        <translation>先填写座谈会信息，再逐条记录每位发言人的建议。</translation>
    </message>
    <message>
        <source>Print receipts (Ctrl+P)</source>
        <translation>打印回执（Ctrl+P）</translation>
    </message>
    <message>
        <source>Receipts as PDF…</source>
        <translation>回执导出 PDF…</translation>
    </message>
    <message>
        <source>Attach sign-in sheet… (Ctrl+O)</source>
        <translation>添加签到表扫描件…（Ctrl+O）</translation>
    </message>
    <message>
        <source>Type in its questionnaires…</source>
        <translation>录入本场问卷…</translation>
    </message>
    <message>
        <source>New session</source>
        <translation>新的座谈会</translation>
    </message>
    <message>
        <source>Continue an earlier session</source>
        <translation>继续记录以前的座谈会</translation>
    </message>
    <message>
        <source>Continue this session</source>
        <translation>继续记录</translation>
    </message>
    <message>
        <source>The session</source>
        <translation>座谈会</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>Residents attending</source>
        <translation>参加居民人数</translation>
    </message>
    <message>
        <source>Officials present</source>
        <translation>出席领导/部门</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>征集活动</translation>
    </message>
    <message>
        <source>Next speaker</source>
        <translation>下一位发言人</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议内容</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Receipts and sign-in sheet</source>
        <translation>回执与签到表</translation>
    </message>
    <message>
        <source>Draft restored</source>
        <translation>已恢复草稿</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · %4 residents · %5 speakers recorded</source>
        <translation>%1 · %2 · %3 · 居民 %4 人 · 已记录 %5 条建议</translation>
    </message>
    <message>
        <source>Saved: receipt number %1</source>
        <translation>已保存，回执编号：%1</translation>
    </message>
</context>
<context>
    <name>SessionSheets</name>
    <message>
        <source>Receipt number</source>
        <translation>回执编号</translation>
    </message>
    <message>
        <source>To ask about it, quote the receipt number.</source>
        <translation>查询办理情况请报回执编号。</translation>
    </message>
    <message>
        <source>Receipts of the session</source>
        <translation>座谈会建议回执</translation>
    </message>
    <message>
        <source>Thank you for your suggestions.</source>
        <translation>感谢您提出宝贵建议。</translation>
    </message>
    <message>
        <source>No name is needed. Tick a box, circle a number or write a few words.</source>
        <translation>无需填写姓名。请在方框内打勾、圈出分数或写下几句话。</translation>
    </message>
    <message>
        <source>Thank you. Hand the form to the station.</source>
        <translation>谢谢！请将问卷交给工作站。</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>(tick all that apply)</source>
        <translation>（可多选）</translation>
    </message>
    <message>
        <source>(tick one)</source>
        <translation>（单选）</translation>
    </message>
    <message>
        <source>(circle one: %1 lowest, %2 highest)</source>
        <translation>（圈一个：%1 最低，%2 最高）</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>e.g. 021-62345678</source>
        <translation>例如：021-62345678</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>本机设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>字体大小</translation>
    </message>
    <message>
        <source>Station phone (on receipts and letters)</source>
        <translation>工作站电话（印在回执和回信上）</translation>
    </message>
    <message>
        <source>Station address (on receipts and letters)</source>
        <translation>工作站地址（印在回执和回信上）</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up this station</source>
        <translation>工作站初始设置</translation>
    </message>
    <message>
        <source>e.g. PT-CSL01</source>
        <translation>例如：PT-CSL01</translation>
    </message>
    <message>
        <source>e.g. 021-62345678</source>
        <translation>例如：021-62345678</translation>
    </message>
    <message>
        <source>4 to 12 digits</source>
        <translation>4 到 12 位数字</translation>
    </message>
    <message>
        <source>Welcome. Tell us which station this is and who its first administrator is. The administrator can add volunteers later.</source>
        <translation>欢迎使用。请填写本工作站的信息和第一位管理员。管理员以后可以添加志愿者。</translation>
    </message>
    <message>
        <source>Station code</source>
        <translation>工作站编号</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>工作站名称</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <source>Street / town</source>
        <translation>街道/镇</translation>
    </message>
    <message>
        <source>Station phone (on receipts and letters)</source>
        <translation>工作站电话（印在回执和回信上）</translation>
    </message>
    <message>
        <source>Administrator&apos;s name</source>
        <translation>管理员姓名</translation>
    </message>
    <message>
        <source>Administrator&apos;s PIN</source>
        <translation>管理员密码（PIN）</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Set up</source>
        <translation>完成设置</translation>
    </message>
    <message>
        <source>The two PINs are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Recovery key (write it down and keep it locked away; it is shown only once):</source>
        <translation>恢复密钥（请抄写下来并锁好保管；只显示这一次）：</translation>
    </message>
    <message>
        <source>The station is set up. For practice you can add demo suggestions: they are marked DEMO- and never sent to HQ. A real station starts without them.</source>
        <translation>工作站已设置好。如需练习，可以添加演示建议：它们的回执编号以 DEMO- 开头，永远不会报送总部。正式使用的工作站请不要添加。</translation>
    </message>
    <message>
        <source>Add demo data for practice</source>
        <translation>添加演示数据（练习用）</translation>
    </message>
    <message>
        <source>Start without demo data</source>
        <translation>不用了，开始使用</translation>
    </message>
    <message>
        <source>How many</source>
        <translation>条数</translation>
    </message>
</context>
<context>
    <name>SimilarPanel</name>
    <message>
        <source>Similar suggestions</source>
        <translation>相似的建议</translation>
    </message>
    <message>
        <source>Earlier suggestions that look like this one appear here.</source>
        <translation>以前登记过的相似建议会显示在这里。</translation>
    </message>
    <message>
        <source>These may be the same matter. Link instead of duplicating:</source>
        <translation>下面这些可能是同一件事，可以关联，不用重复登记：</translation>
    </message>
    <message>
        <source>No similar suggestion found.</source>
        <translation>没有找到相似的建议。</translation>
    </message>
</context>
<context>
    <name>SuggesterBox</name>
    <message>
        <source>Suggester</source>
        <translation>建议人</translation>
    </message>
    <message>
        <source>Anonymous (no name or contact details)</source>
        <translation>匿名（不留姓名和联系方式）</translation>
    </message>
    <message>
        <source>e.g. 13812345678 or 021-62345678</source>
        <translation>例如：13812345678 或 021-62345678</translation>
    </message>
    <message>
        <source>Wants a reply</source>
        <translation>需要回复</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>上门</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>书面</translation>
    </message>
    <message>
        <source>No reply needed</source>
        <translation>不需要</translation>
    </message>
    <message>
        <source>The suggester has read and agrees</source>
        <translation>建议人已阅读并同意</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Reply by</source>
        <translation>回复方式</translation>
    </message>
</context>
<context>
    <name>SuggestionDetailDialog</name>
    <message>
        <source>Suggestion details</source>
        <translation>建议详情</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>建议内容</translation>
    </message>
    <message>
        <source>Suggester</source>
        <translation>建议人</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <source>Reprint receipt…</source>
        <translation>重印回执…</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>撤回…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Suggestion %1</source>
        <translation>建议 %1</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>回执编号</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>问题所在地点</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>征集活动</translation>
    </message>
    <message>
        <source>HQ number</source>
        <translation>总部编号</translation>
    </message>
    <message>
        <source>Not sent yet</source>
        <translation>尚未报送</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>座谈会</translation>
    </message>
    <message>
        <source>No suggester recorded (e.g. an anonymous letter)</source>
        <translation>未登记建议人（如匿名来信）</translation>
    </message>
    <message>
        <source>Personal data has been deleted</source>
        <translation>个人信息已删除</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Wants a reply</source>
        <translation>需要回复</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Version %1, %2</source>
        <translation>版本 %1，%2</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>未同意</translation>
    </message>
    <message>
        <source>Consent to notice</source>
        <translation>个人信息告知同意</translation>
    </message>
    <message>
        <source>Personal data is masked</source>
        <translation>个人信息已脱敏显示</translation>
    </message>
    <message>
        <source>HQ</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>This station</source>
        <translation>本站</translation>
    </message>
</context>
<context>
    <name>SuggestionListScreen</name>
    <message>
        <source>Search text or receipt number, e.g. 停车 or 0012 (Ctrl+F)</source>
        <translation>搜索内容或回执编号，如：停车、0012（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search suggestions</source>
        <translation>搜索建议</translation>
    </message>
    <message>
        <source>Number of results</source>
        <translation>结果数量</translation>
    </message>
    <message>
        <source>No matching suggestions found</source>
        <translation>没有找到匹配的建议</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>建议列表</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) in total</source>
        <translation>
            <numerusform>共 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestionTableModel</name>
    <message>
        <source>Receipt no.</source>
        <translation>回执编号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容摘要</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <source>Enrol with HQ…</source>
        <translation>向总部登记本站…</translation>
    </message>
    <message>
        <source>Headquarters</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <source>Sent to HQ</source>
        <translation>已送达总部</translation>
    </message>
    <message>
        <source>Failed, will retry</source>
        <translation>发送失败，将重试</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>内容冲突</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Sync now (F5)</source>
        <translation>立即同步（F5）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Automatic sync while the app is open</source>
        <translation>程序打开时自动同步</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>每隔</translation>
    </message>
    <message>
        <source>Stations that keep the computer on can also let the system sync on a schedule, even when nobody is logged in (see the README).</source>
        <translation>电脑常开的工作站也可以让系统定时自动同步，无人登录时也能同步（设置方法见 README）。</translation>
    </message>
    <message>
        <source>Sending to %1</source>
        <translation>发送到 %1</translation>
    </message>
    <message>
        <source>Not enrolled with HQ yet: an administrator enrols this station once.</source>
        <translation>本站尚未向总部登记：请管理员登记一次。</translation>
    </message>
    <message>
        <source>Last successful sync: %1</source>
        <translation>上次成功同步：%1</translation>
    </message>
    <message>
        <source>Last problem (%1): %2</source>
        <translation>上次出现的问题（%1）：%2</translation>
    </message>
    <message>
        <source>An administrator needs to look at this.</source>
        <translation>需要管理员处理。</translation>
    </message>
    <message>
        <source>Enrol with HQ first.</source>
        <translation>请先向总部登记本站。</translation>
    </message>
    <message>
        <source>Connecting to HQ…</source>
        <translation>正在连接总部…</translation>
    </message>
    <message>
        <source>Automatic sync…</source>
        <translation>正在自动同步…</translation>
    </message>
    <message>
        <source>Sending: %1 of %2</source>
        <translation>正在发送：%1 / %2</translation>
    </message>
    <message>
        <source>Fetching HQ&apos;s updates: %1 so far</source>
        <translation>正在接收总部的更新：已收到 %1 条</translation>
    </message>
    <message>
        <source>Stopping after the current request…</source>
        <translation>当前请求完成后停止…</translation>
    </message>
    <message>
        <source>Enrolled.</source>
        <translation>登记成功。</translation>
    </message>
    <message>
        <source>Enrolment failed.</source>
        <translation>登记未成功。</translation>
    </message>
    <message>
        <source>Another sync of this station is running; try again in a minute.</source>
        <translation>本站另一个同步正在进行，请过一分钟再试。</translation>
    </message>
    <message>
        <source>Sync stopped. Nothing is lost: the rest goes next time.</source>
        <translation>同步已停止。数据没有丢失，其余内容下次发送。</translation>
    </message>
    <message>
        <source>Sent %1, already at HQ %2, HQ updates %3.</source>
        <translation>已发送 %1 条，总部已有 %2 条，收到总部更新 %3 条。</translation>
    </message>
    <message>
        <source>The sync stopped unexpectedly (code %1).</source>
        <translation>同步意外中止（代码 %1）。</translation>
    </message>
    <message>
        <source>Enrolling with HQ…</source>
        <translation>正在向总部登记…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>TallyView</name>
    <message>
        <source>This campaign has no questionnaire questions.</source>
        <translation>该征集活动没有问卷题目。</translation>
    </message>
    <message>
        <source>%1 answered: %2 questionnaires, %3 with a suggestion</source>
        <translation>共 %1 份作答：问卷 %2 份，随建议作答 %3 份</translation>
    </message>
    <message>
        <source>%1 answered</source>
        <translation>%1 人作答</translation>
    </message>
    <message>
        <source>mean %1</source>
        <translation>平均 %1</translation>
    </message>
</context>
<context>
    <name>UnassignedPages</name>
    <message>
        <source>Unassigned pages</source>
        <translation>未归入来信的页面</translation>
    </message>
    <message>
        <source>Up (Alt+↑)</source>
        <translation>上移（Alt+↑）</translation>
    </message>
    <message>
        <source>Down (Alt+↓)</source>
        <translation>下移（Alt+↓）</translation>
    </message>
    <message>
        <source>Letter to put the pages in</source>
        <translation>放入哪封信</translation>
    </message>
    <message>
        <source>Put selected pages in this letter (Ctrl+G)</source>
        <translation>把选中的页放入这封信（Ctrl+G）</translation>
    </message>
    <message>
        <source>Each file is one letter</source>
        <translation>每个文件算一封信</translation>
    </message>
    <message>
        <source>The pages of each file go, in order, to the next letter that has no pages</source>
        <translation>每个文件的各页按顺序放入下一封还没有页的信</translation>
    </message>
    <message>
        <source>Letter %1</source>
        <translation>第 %1 封信</translation>
    </message>
    <message>
        <source>(%1 page(s) already)</source>
        <translation>（已有 %1 页）</translation>
    </message>
    <message>
        <source>Every page read so far is in a letter.</source>
        <translation>已读的页面都已归入来信。</translation>
    </message>
    <message>
        <source>No pending letter to put pages in: add a letter found later.</source>
        <translation>没有待处理的信可放：请先“补登一封来信”。</translation>
    </message>
    <message>
        <source>Drag pages or use Alt+↑/↓ to put them in order.</source>
        <translation>拖动页面或按 Alt+↑/↓ 排好顺序。</translation>
    </message>
    <message>
        <source>%1 page(s) read and not yet in a letter. Next: make each file one letter, in file-name order (Enter), or select pages and put them in a letter (Ctrl+G).</source>
        <translation>已读入 %1 页，还没有归入来信。下一步：按文件名顺序“每个文件算一封信”（回车），或选中几页后放入某封信（Ctrl+G）。</translation>
    </message>
    <message>
        <source>%1 page(s) read and not yet in a letter, but no letter is waiting for pages: add a letter found later on the Letters tab, or record a new collection.</source>
        <translation>已读入 %1 页，还没有归入来信，但没有等待放入页面的来信：请在“来信”页补登一封来信，或登记新的开箱记录。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Letter %1 ← %2</source>
        <translation>第 %1 封 ← %2</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Withdraw suggestion %1</source>
        <translation>撤回建议 %1</translation>
    </message>
    <message>
        <source>Only at the suggester&apos;s own request. Their name, phone, address and any scanned letter are deleted from this computer at once, and HQ is told at the next sync. This cannot be undone.</source>
        <translation>仅在建议人本人要求时撤回。撤回后，建议人的姓名、电话、地址和来信扫描件会立即从本机删除，下次同步时告知总部。撤回后无法恢复。</translation>
    </message>
    <message>
        <source>e.g. the suggester asked at the desk</source>
        <translation>例如：建议人来站当面要求撤回</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Withdraw this suggestion</source>
        <translation>撤回这条建议</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>不撤回</translation>
    </message>
    <message>
        <source>Please give the reason the suggester gave.</source>
        <translation>请填写建议人说明的撤回原因。</translation>
    </message>
</context>
<context>
    <name>WorklistModel</name>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>反馈期限</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Reach by</source>
        <translation>回复方式</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>联系次数</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>回执编号</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>未到期</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>1 working day late</source>
        <translation>逾期1个工作日</translation>
    </message>
    <message>
        <source>%1 working days late</source>
        <translation>逾期%1个工作日</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <source>1 working day left</source>
        <translation>还剩1个工作日</translation>
    </message>
    <message>
        <source>%1 working days left</source>
        <translation>还剩%1个工作日</translation>
    </message>
</context>
<context>
    <name>WorklistScreen</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Worklist summary</source>
        <translation>待告知情况汇总</translation>
    </message>
    <message>
        <source>Show &amp;done</source>
        <translation>显示已完成的(&amp;D)</translation>
    </message>
    <message>
        <source>Nobody is waiting to hear HQ&apos;s reply.</source>
        <translation>目前没有等待告知总部答复的建议人。</translation>
    </message>
    <message>
        <source>People to inform</source>
        <translation>待告知的建议人</translation>
    </message>
    <message>
        <source>HQ&apos;s reply</source>
        <translation>总部答复</translation>
    </message>
    <message>
        <source>How to reach the suggester</source>
        <translation>怎样联系建议人</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Wants a reply by</source>
        <translation>希望的回复方式</translation>
    </message>
    <message>
        <source>Record contact</source>
        <translation>登记告知情况</translation>
    </message>
    <message>
        <source>&amp;Reached</source>
        <translation>联系上了(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Not reached</source>
        <translation>没联系上(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Satisfied</source>
        <translation>满意(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Basically satisfied</source>
        <translation>基本满意(&amp;B)</translation>
    </message>
    <message>
        <source>N&amp;ot satisfied</source>
        <translation>不满意(&amp;O)</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Record contact (Ctrl+Enter)</source>
        <translation>保存告知情况 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;Way of contact</source>
        <translation>告知方式(&amp;W)</translation>
    </message>
    <message>
        <source>Da&amp;te</source>
        <translation>日期(&amp;T)</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Co&amp;mment</source>
        <translation>备注(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Print reply letter… (Ctrl+P)</source>
        <translation>打印答复告知书(&amp;P)… (Ctrl+P)</translation>
    </message>
    <message>
        <source>&amp;Undo last contact</source>
        <translation>撤销刚才的登记(&amp;U)</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>上门/来站</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>书面信函</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>联系不上</translation>
    </message>
    <message>
        <source>%1% (%2 of %3 on time)</source>
        <translation>%1%（%3件中%2件按时）</translation>
    </message>
    <message>
        <source>none due yet</source>
        <translation>暂无到期的</translation>
    </message>
    <message>
        <source>To inform: %1 · overdue: %2 · due soon: %3 · on-time feedback rate: %4</source>
        <translation>待告知：%1件 · 已逾期：%2件 · 即将到期：%3件 · 按时反馈率：%4</translation>
    </message>
    <message>
        <source>Choose someone on the list.</source>
        <translation>请在列表中选一位建议人。</translation>
    </message>
    <message>
        <source>Said at the session: %1</source>
        <translation>座谈会发言：%1</translation>
    </message>
    <message>
        <source>Personal data has been deleted</source>
        <translation>个人信息已删除</translation>
    </message>
    <message>
        <source>(%1 tries so far)</source>
        <translation>（已联系%1次）</translation>
    </message>
    <message>
        <source>(%1 tries so far, not reached; last on %2)</source>
        <translation>（已联系%1次，没联系上；最近一次在%2）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Due %1 (%2)</source>
        <translation>反馈期限：%1（%2）</translation>
    </message>
    <message>
        <source>working days: weekends and holidays not counted</source>
        <translation>工作日不含周末和节假日</translation>
    </message>
    <message>
        <source>date set by HQ</source>
        <translation>期限由总部规定</translation>
    </message>
    <message>
        <source>estimated: next year&apos;s holidays are not published yet</source>
        <translation>估算日期：明年的节假日安排还没公布</translation>
    </message>
    <message>
        <source>recorded %1: %2</source>
        <translation>%1已登记：%2</translation>
    </message>
    <message>
        <source>satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>not satisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>, %1</source>
        <translation>，%1</translation>
    </message>
    <message>
        <source>Feedback recorded; it goes to HQ at the next sync.</source>
        <translation>告知情况已登记，下次同步时报送总部。</translation>
    </message>
    <message>
        <source>Not reached after %1 tries: recorded as unreachable for HQ.</source>
        <translation>已联系%1次都没联系上：已登记为“联系不上”，将报送总部。</translation>
    </message>
    <message>
        <source>Try %1 of %2 recorded: not reached.</source>
        <translation>已登记第%1次联系（最多%2次）：没联系上。</translation>
    </message>
    <message>
        <source>The contact was undone.</source>
        <translation>刚才的登记已撤销。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Something went wrong and was written to the log. Your saved data is safe.</source>
        <translation>出现了问题，已记入日志。已保存的数据是安全的。</translation>
    </message>
    <message>
        <source>Nothing was saved: the disk is full. Free some space or choose another place (for example a USB stick).</source>
        <translation>没有保存：磁盘已满。请清理一些空间，或换一个地方保存（例如U盘）。</translation>
    </message>
    <message>
        <source>Nothing was saved: the folder %1 is missing or cannot be written to. Choose another folder, for example Documents, and try again.</source>
        <translation>没有保存：文件夹 %1 不存在或不能写入。请换一个文件夹（例如“文档”）再试一次。</translation>
    </message>
    <message>
        <source>The printer or the file could not be opened. Check that the printer is on and connected, or choose another folder, and try again.</source>
        <translation>打印机或文件打不开。请检查打印机是否开着、连好了，或换一个文件夹，再试一次。</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>无法完成</translation>
    </message>
</context>
<context>
    <name>m</name>
    <message>
        <source>%1 working days late</source>
        <translation>逾期%1个工作日</translation>
    </message>
    <message>
        <source>%1 working days left</source>
        <translation>还剩%1个工作日</translation>
    </message>
</context>
</TS>
