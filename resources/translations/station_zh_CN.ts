<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="208"/>
        <source>People&apos;s suggestion collection station</source>
        <translation>人民建议征集工作站</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="214"/>
        <source>Already open</source>
        <translation>程序已打开</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="215"/>
        <source>The station app is already open on this computer for this data folder:
%1

Switch to the open window (look in the task bar) instead of starting it again.</source>
        <translation>本机已经打开了这个数据目录的工作站程序：
%1

请切换到已打开的窗口（看看任务栏），不要重复启动。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="226"/>
        <source>Cannot open the station data</source>
        <translation>无法打开工作站数据</translation>
    </message>
</context>
<context>
    <name>DraftOfferDialog</name>
    <message>
        <location filename="../../ui/widgets/draft_offer.py" line="36"/>
        <source>Unfinished suggestions</source>
        <translation>未完成的建议</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_offer.py" line="42"/>
        <source>(no title yet)</source>
        <translation>（尚无标题）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_offer.py" line="47"/>
        <source>Continue this one</source>
        <translation>继续填写</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_offer.py" line="48"/>
        <source>Discard it</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_offer.py" line="49"/>
        <source>Later</source>
        <translation>稍后再说</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_offer.py" line="61"/>
        <source>These suggestions were not finished last time. Continue one?</source>
        <translation>以下建议上次没有填完。要继续填写吗？</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="80"/>
        <source>Face to face</source>
        <translation>当面</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="81"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="82"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="86"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="88"/>
        <source>Choose a category…</source>
        <translation>请选择类别…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="90"/>
        <source>A short title, e.g. 小区停车难</source>
        <translation>简短标题，例如：小区停车难</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="93"/>
        <source>What the suggester says (Tab or Ctrl+Enter goes to the next field)</source>
        <translation>建议人反映的内容（按 Tab 或 Ctrl+Enter 进入下一项）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="103"/>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="104"/>
        <source>Discard (Esc)</source>
        <translation>放弃（Esc）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="127"/>
        <source>Draft saved</source>
        <translation>草稿已自动保存</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="138"/>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="140"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="141"/>
        <source>Campaign</source>
        <translation>征集活动</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="142"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="143"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="144"/>
        <source>Content</source>
        <translation>建议内容</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="145"/>
        <source>Location</source>
        <translation>问题所在地点</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="146"/>
        <source>Where the issue is, e.g. 长寿路 100 弄门口</source>
        <translation>问题发生的地方，例如：长寿路 100 弄门口</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="245"/>
        <source>Draft restored</source>
        <translation>已恢复草稿</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="286"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="294"/>
        <source>Saved: receipt number %1</source>
        <translation>已保存，回执编号：%1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="328"/>
        <source>Please correct the fields marked in red.</source>
        <translation>请按红字提示修改。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="339"/>
        <source>Discard this suggestion? What was typed will be lost.</source>
        <translation>确定放弃这条建议吗？已输入的内容将被删除。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/entry_form.py" line="351"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="50"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="55"/>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="60"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="63"/>
        <source>All campaigns</source>
        <translation>全部征集活动</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="67"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="71"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="72"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="73"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="78"/>
        <source>Received from</source>
        <translation>收到日期从</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="80"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="82"/>
        <location filename="../../ui/widgets/filter_bar.py" line="83"/>
        <source>Campaign</source>
        <translation>征集活动</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="97"/>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="99"/>
        <source>Received date</source>
        <translation>收到日期</translation>
    </message>
</context>
<context>
    <name>LockPanel</name>
    <message>
        <location filename="../../ui/widgets/idle_lock.py" line="55"/>
        <source>PIN</source>
        <translation>密码（PIN）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/idle_lock.py" line="57"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/idle_lock.py" line="71"/>
        <source>The screen is locked. %1, enter your PIN to unlock.</source>
        <translation>屏幕已锁定。请 %1 输入密码（PIN）解锁。</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../../ui/screens/login.py" line="34"/>
        <location filename="../../ui/screens/login.py" line="50"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/login.py" line="35"/>
        <source>People&apos;s suggestion collection station</source>
        <translation>人民建议征集工作站</translation>
    </message>
    <message>
        <location filename="../../ui/screens/login.py" line="45"/>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/login.py" line="48"/>
        <source>4 to 12 digits</source>
        <translation>4 到 12 位数字</translation>
    </message>
    <message>
        <location filename="../../ui/screens/login.py" line="53"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/login.py" line="54"/>
        <source>PIN</source>
        <translation>密码（PIN）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/login.py" line="86"/>
        <source>Please type or choose your name.</source>
        <translation>请输入或选择您的姓名。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="44"/>
        <source>People&apos;s suggestion collection station</source>
        <translation>人民建议征集工作站</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="52"/>
        <source>Record a suggestion</source>
        <translation>登记建议</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="53"/>
        <source>Suggestions</source>
        <translation>建议列表</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="54"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="59"/>
        <source>Operators</source>
        <translation>操作员管理</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="74"/>
        <source>%1 · Operator: %2 (%3)</source>
        <translation>%1 · 操作员：%2（%3）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="88"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="89"/>
        <source>&amp;New suggestion</source>
        <translation>新建议(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="92"/>
        <source>&amp;Log out</source>
        <translation>退出登录(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="95"/>
        <source>&amp;Quit</source>
        <translation>退出程序(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="101"/>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="108"/>
        <source>&amp;Keyboard</source>
        <translation>键盘操作(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="124"/>
        <source>Keyboard</source>
        <translation>键盘操作</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="126"/>
        <source>Tab / Enter: next field
Ctrl+Enter: leave the content field
Ctrl+S: save
Esc: discard (asks first)
Ctrl+1…4: switch page
Ctrl+L: log out</source>
        <translation>Tab / 回车：下一项
Ctrl+回车：离开“建议内容”
Ctrl+S：保存
Esc：放弃（会先询问）
Ctrl+1…4：切换页面
Ctrl+L：退出登录</translation>
    </message>
</context>
<context>
    <name>OperatorsScreen</name>
    <message>
        <location filename="../../ui/screens/settings.py" line="106"/>
        <source>4 to 12 digits</source>
        <translation>4 到 12 位数字</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="108"/>
        <source>Add operator</source>
        <translation>添加操作员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="114"/>
        <source>Add an operator</source>
        <translation>添加操作员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="116"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="117"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="118"/>
        <source>PIN</source>
        <translation>密码（PIN）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="119"/>
        <source>PIN again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="124"/>
        <source>Operators</source>
        <translation>操作员管理</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="149"/>
        <source>The two PINs are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="163"/>
        <source>Added %1.</source>
        <translation>已添加 %1。</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <location filename="../../ui/printing/receipt.py" line="101"/>
        <source>People&apos;s Suggestion Receipt</source>
        <translation>人民建议征集回执</translation>
    </message>
    <message>
        <location filename="../../ui/printing/receipt.py" line="102"/>
        <source>Receipt number</source>
        <translation>回执编号</translation>
    </message>
    <message>
        <location filename="../../ui/printing/receipt.py" line="103"/>
        <source>How to follow up</source>
        <translation>如何查询办理情况</translation>
    </message>
    <message>
        <location filename="../../ui/printing/receipt.py" line="104"/>
        <source>To ask about this suggestion, quote the receipt number.</source>
        <translation>凭回执编号查询建议办理情况。</translation>
    </message>
    <message>
        <location filename="../../ui/printing/receipt.py" line="107"/>
        <source>Station contact</source>
        <translation>工作站联系方式</translation>
    </message>
    <message>
        <location filename="../../ui/printing/receipt.py" line="108"/>
        <source>Thank you for your suggestion.</source>
        <translation>感谢您提出宝贵建议！</translation>
    </message>
    <message>
        <location filename="../../ui/printing/receipt.py" line="110"/>
        <source>Date and time</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <location filename="../../ui/printing/receipt.py" line="112"/>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../../ui/printing/receipt.py" line="115"/>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <location filename="../../ui/printing/receipt.py" line="116"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/printing/receipt.py" line="117"/>
        <source>Summary</source>
        <translation>内容摘要</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../ui/printing/receipt_dialog.py" line="31"/>
        <source>Receipt %1</source>
        <translation>回执 %1</translation>
    </message>
    <message>
        <location filename="../../ui/printing/receipt_dialog.py" line="36"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/receipt_dialog.py" line="37"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/receipt_dialog.py" line="38"/>
        <source>New suggestion</source>
        <translation>登记下一条</translation>
    </message>
    <message>
        <location filename="../../ui/printing/receipt_dialog.py" line="68"/>
        <source>Export receipt as PDF</source>
        <translation>将回执导出为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/printing/receipt_dialog.py" line="68"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/receipt_dialog.py" line="79"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../ui/screens/settings.py" line="53"/>
        <source>e.g. 021-62345678</source>
        <translation>例如：021-62345678</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="55"/>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="59"/>
        <source>This computer</source>
        <translation>本机设置</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="61"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="62"/>
        <source>Text size</source>
        <translation>字体大小</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="63"/>
        <source>Station phone (on receipts)</source>
        <translation>工作站电话（印在回执上）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="64"/>
        <source>Station address (on receipts)</source>
        <translation>工作站地址（印在回执上）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="87"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="43"/>
        <source>Set up this station</source>
        <translation>工作站初始设置</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="56"/>
        <source>e.g. PT-CSL01</source>
        <translation>例如：PT-CSL01</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="65"/>
        <source>4 to 12 digits</source>
        <translation>4 到 12 位数字</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="85"/>
        <source>Welcome. Tell us which station this is and who its first administrator is. The administrator can add volunteers later.</source>
        <translation>欢迎使用。请填写本工作站的信息和第一位管理员。管理员以后可以添加志愿者。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="92"/>
        <source>Station code</source>
        <translation>工作站编号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="93"/>
        <source>Station name</source>
        <translation>工作站名称</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="94"/>
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="95"/>
        <source>Street / town</source>
        <translation>街道/镇</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="96"/>
        <source>Administrator&apos;s name</source>
        <translation>管理员姓名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="97"/>
        <source>Administrator&apos;s PIN</source>
        <translation>管理员密码（PIN）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="98"/>
        <source>PIN again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="102"/>
        <source>Set up</source>
        <translation>完成设置</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="121"/>
        <source>The two PINs are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="166"/>
        <source>Recovery key (write it down and keep it locked away; it is shown only once):</source>
        <translation>恢复密钥（请抄写下来并锁好保管；只显示这一次）：</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="177"/>
        <source>The station is set up. Would you like some demo suggestions to practise with? You can skip this for a real station.</source>
        <translation>工作站已设置好。要载入一些演示建议用来练习吗？正式使用的工作站可以跳过。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="193"/>
        <source>Load demo data</source>
        <translation>载入演示数据</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="194"/>
        <source>Start without demo data</source>
        <translation>不用了，开始使用</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="198"/>
        <source>How many</source>
        <translation>条数</translation>
    </message>
</context>
<context>
    <name>SuggesterBox</name>
    <message>
        <location filename="../../ui/widgets/suggester_box.py" line="31"/>
        <source>Suggester</source>
        <translation>建议人</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/suggester_box.py" line="32"/>
        <source>Anonymous (no name or contact details)</source>
        <translation>匿名（不留姓名和联系方式）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/suggester_box.py" line="35"/>
        <source>e.g. 13812345678 or 021-62345678</source>
        <translation>例如：13812345678 或 021-62345678</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/suggester_box.py" line="37"/>
        <source>Wants a reply</source>
        <translation>需要回复</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/suggester_box.py" line="40"/>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/suggester_box.py" line="41"/>
        <source>Visit</source>
        <translation>上门</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/suggester_box.py" line="42"/>
        <source>Letter</source>
        <translation>书面</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/suggester_box.py" line="43"/>
        <source>No reply needed</source>
        <translation>不需要</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/suggester_box.py" line="50"/>
        <source>The suggester has read and agrees</source>
        <translation>建议人已阅读并同意</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/suggester_box.py" line="57"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/suggester_box.py" line="58"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/suggester_box.py" line="59"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/suggester_box.py" line="62"/>
        <source>Reply by</source>
        <translation>回复方式</translation>
    </message>
</context>
<context>
    <name>SuggestionDetailDialog</name>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="46"/>
        <source>Suggestion details</source>
        <translation>建议详情</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="49"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="54"/>
        <source>Content</source>
        <translation>建议内容</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="58"/>
        <source>Suggester</source>
        <translation>建议人</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="62"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="62"/>
        <location filename="../../ui/screens/suggestion_detail.py" line="115"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="62"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="62"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="71"/>
        <location filename="../../ui/screens/suggestion_detail.py" line="74"/>
        <source>Status history</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="109"/>
        <source>Suggestion %1</source>
        <translation>建议 %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="114"/>
        <source>Receipt no.</source>
        <translation>回执编号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="116"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="117"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="118"/>
        <source>Location</source>
        <translation>问题所在地点</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="119"/>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="120"/>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="121"/>
        <source>Campaign</source>
        <translation>征集活动</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="122"/>
        <source>HQ number</source>
        <translation>总部编号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="122"/>
        <source>Not sent yet</source>
        <translation>尚未报送</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="134"/>
        <source>No suggester recorded (e.g. an anonymous letter)</source>
        <translation>未登记建议人（如匿名来信）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="137"/>
        <source>Personal data has been deleted</source>
        <translation>个人信息已删除</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="140"/>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="142"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="143"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="144"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="146"/>
        <source>Wants a reply</source>
        <translation>需要回复</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="146"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="148"/>
        <source>Version %1, %2</source>
        <translation>版本 %1，%2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="152"/>
        <source>Not given</source>
        <translation>未同意</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="154"/>
        <source>Consent to notice</source>
        <translation>个人信息告知同意</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="156"/>
        <source>Personal data is masked</source>
        <translation>个人信息已脱敏显示</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="162"/>
        <source>HQ</source>
        <translation>总部</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_detail.py" line="162"/>
        <source>This station</source>
        <translation>本站</translation>
    </message>
</context>
<context>
    <name>SuggestionListScreen</name>
    <message>
        <location filename="../../ui/screens/suggestion_list.py" line="52"/>
        <source>Search title, content and location, e.g. 停车 or 电梯 (Ctrl+F)</source>
        <translation>搜索标题、内容、地点，如：停车、电梯（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_list.py" line="55"/>
        <source>Search suggestions</source>
        <translation>搜索建议</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_list.py" line="58"/>
        <source>Number of results</source>
        <translation>结果数量</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_list.py" line="65"/>
        <source>No matching suggestions found</source>
        <translation>没有找到匹配的建议</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_list.py" line="133"/>
        <source>Suggestions</source>
        <translation>建议列表</translation>
    </message>
    <message>
        <location filename="../../ui/screens/suggestion_list.py" line="172"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/suggestion_list.py" line="174"/>
        <source>%n suggestion(s) in total</source>
        <translation>
            <numerusform>共 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestionTableModel</name>
    <message>
        <location filename="../../ui/models/suggestion_table.py" line="101"/>
        <source>Receipt no.</source>
        <translation>回执编号</translation>
    </message>
    <message>
        <location filename="../../ui/models/suggestion_table.py" line="102"/>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/suggestion_table.py" line="103"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/models/suggestion_table.py" line="104"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/models/suggestion_table.py" line="105"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/models/suggestion_table.py" line="106"/>
        <source>Location</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/models/suggestion_table.py" line="107"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/suggestion_table.py" line="108"/>
        <source>Content</source>
        <translation>内容摘要</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../ui/errors.py" line="21"/>
        <source>Something went wrong and was written to the log. Your saved data is safe.</source>
        <translation>出现了问题，已记入日志。已保存的数据是安全的。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="29"/>
        <source>Cannot do that</source>
        <translation>无法完成</translation>
    </message>
</context>
</TS>
