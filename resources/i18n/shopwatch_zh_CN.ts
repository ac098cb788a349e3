<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AlertText</name>
        <message>
            <source>“%1” was deleted by the platform</source>
            <translation>“%1”已被平台删除</translation>
        </message>
        <message>
            <source>“%1” disappeared from the shop; the platform has not said why</source>
            <translation>“%1”已从店铺消失，平台尚未说明原因</translation>
        </message>
        <message>
            <source>“%1” was delisted for a violation</source>
            <translation>“%1”因违规被下架</translation>
        </message>
        <message>
            <source>“%1” was moved to the warehouse</source>
            <translation>“%1”已下架到仓库</translation>
        </message>
        <message>
            <source>“%1” notice: appeal by %2 (%3)</source>
            <translation>“%1”处罚：请在 %2 前申诉（%3）</translation>
        </message>
        <message>
            <source>%1 of %2 listings (%3) disappeared at once</source>
            <translation>%2 件宝贝中有 %1 件（%3）同时消失</translation>
        </message>
        <message numerus="yes">
            <source>The last %n sync(s) failed: the shop is not being watched</source>
            <translation>
                <numerusform>最近 %n 次同步均失败：店铺目前没有被监控</numerusform>
            </translation>
        </message>
        <message>
            <source>Search demotion suspected: “%1” keyword rank %2 → %3</source>
            <translation>疑似搜索降权：“%1”关键词排名 %2 → %3</translation>
        </message>
        <message>
            <source>visits</source>
            <translation>访客数</translation>
        </message>
        <message>
            <source>impressions</source>
            <translation>曝光量</translation>
        </message>
        <message>
            <source>Search demotion suspected: “%1” %2 −%3 vs the %4/day median</source>
            <translation>疑似搜索降权：“%1”%2下降 %3（此前中位数 %4/天）</translation>
        </message>
        <message>
            <source>“%1” is suppressed in search, according to the platform</source>
            <translation>平台显示“%1”已被搜索屏蔽</translation>
        </message>
        <message>
            <source>New penalty: %1</source>
            <translation>新处罚：%1</translation>
        </message>
        <message>
            <source>New penalty: %1, −%2 points (%3 total %4, next threshold %5)</source>
            <translation>新处罚：%1，扣 %2 分（%3累计 %4 分，下一节点 %5 分）</translation>
        </message>
        <message>
            <source>New penalty: %1, −%2 points (%3 total %4)</source>
            <translation>新处罚：%1，扣 %2 分（%3累计 %4 分）</translation>
        </message>
        <message>
            <source>%1: %2 points, threshold %3 reached</source>
            <translation>%1：已扣 %2 分，达到 %3 分节点</translation>
        </message>
        <message>
            <source>%1: %2 points, %3 more reach %4</source>
            <translation>%1：已扣 %2 分，再扣 %3 分将达到 %4 分节点</translation>
        </message>
        <message>
            <source>%1. %2</source>
            <translation>%1。%2</translation>
        </message>
        <message>
            <source>title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>price %1 → %2</source>
            <translation>价格 %1 → %2</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>details</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>“%1”: %2 changed</source>
            <translation>“%1”的%2被修改</translation>
        </message>
        <message>
            <source>Look for the penalty notice in the seller centre. If the deletion is wrong, appeal before the deadline with order numbers, tracking numbers and chat records.</source>
            <translation>请到卖家中心查找对应的处罚通知。如果删除有误，请在截止前提交申诉，并附上订单号、物流单号和聊天记录。</translation>
        </message>
        <message>
            <source>Open the notice, fix the listing (title, images, description) or appeal with evidence. Do not relist an identical copy: that counts as repeat violation.</source>
            <translation>查看处罚通知，修改宝贝（标题、图片、描述），或带上证据申诉。不要重新发布一模一样的宝贝，否则会被视为重复违规。</translation>
        </message>
        <message>
            <source>If nobody in your team took it down, check who has access to the shop.</source>
            <translation>如果团队里没有人下架过它，请检查都有谁能登录店铺后台。</translation>
        </message>
        <message>
            <source>Check the listing for keyword stuffing, misleading prices or unusual orders; correct it and watch traffic for a few days before changing more.</source>
            <translation>检查宝贝是否存在关键词堆砌、价格误导或异常订单；修正后先观察几天流量，再决定是否继续调整。</translation>
        </message>
        <message>
            <source>Read the notice, collect evidence and decide whether to appeal. The deadline is usually a few days.</source>
            <translation>阅读处罚通知，收集证据，决定是否申诉。申诉期限通常只有几天。</translation>
        </message>
        <message>
            <source>Avoid any new violation until the points reset. Appeal open notices where you can: each revoked notice gives its points back.</source>
            <translation>积分清零前要避免任何新的违规。能申诉的处罚尽量申诉：每撤销一条处罚，扣掉的分就会退回。</translation>
        </message>
        <message>
            <source>Draft and submit the appeal now; after the deadline the penalty stands.</source>
            <translation>请现在就起草并提交申诉；过了截止时间，处罚将无法撤销。</translation>
        </message>
        <message>
            <source>If nobody in your team changed it, compare with your records and correct it in the seller centre.</source>
            <translation>如果团队里没有人修改过，请对照你的记录，在卖家中心改回来。</translation>
        </message>
        <message>
            <source>This looks like a platform campaign. Check your notices now and appeal each wrong deletion; keep evidence for every listing.</source>
            <translation>这很可能是平台的集中整治。请立即查看处罚通知，对每一个误删的宝贝提出申诉，并为每个宝贝保留好证据。</translation>
        </message>
        <message>
            <source>Open Settings and test the shop's connection. An expired session must be authorised again.</source>
            <translation>打开“设置”测试店铺连接。会话过期需要重新授权。</translation>
        </message>
    </context>
    <context>
        <name>AlertsModel</name>
        <message>
            <source>Severity</source>
            <translation>级别</translation>
        </message>
        <message>
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>What happened</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>Acknowledged</source>
            <translation>已读</translation>
        </message>
    </context>
    <context>
        <name>AlertsPage</name>
        <message>
            <source>Alerts</source>
            <translation>提醒</translation>
        </message>
        <message>
            <source>Acknowledge all shown</source>
            <translation>全部标为已读</translation>
        </message>
        <message>
            <source>Search alerts</source>
            <translation>搜索提醒</translation>
        </message>
        <message>
            <source>All types</source>
            <translation>全部类型</translation>
        </message>
        <message>
            <source>All severities</source>
            <translation>全部级别</translation>
        </message>
        <message>
            <source>Show acknowledged</source>
            <translation>显示已读</translation>
        </message>
        <message>
            <source>What to do next</source>
            <translation>下一步怎么做</translation>
        </message>
        <message>
            <source>Acknowledge</source>
            <translation>标为已读</translation>
        </message>
        <message>
            <source>Open listing</source>
            <translation>查看宝贝</translation>
        </message>
        <message>
            <source>Draft appeal</source>
            <translation>起草申诉</translation>
        </message>
        <message numerus="yes">
            <source>%Ln unacknowledged</source>
            <translation>
                <numerusform>%Ln 条未读</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n important</source>
            <translation>
                <numerusform>%n 条重要</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n alert(s) selected</source>
            <translation>
                <numerusform>已选择 %n 条提醒</numerusform>
            </translation>
        </message>
        <message>
            <source>No alert selected</source>
            <translation>未选择提醒</translation>
        </message>
        <message>
            <source>Raised %1</source>
            <translation>提醒于 %1</translation>
        </message>
        <message>
            <source>Listing %1</source>
            <translation>宝贝 %1</translation>
        </message>
        <message>
            <source>Acknowledged %1</source>
            <translation>%1 标为已读</translation>
        </message>
        <message numerus="yes">
            <source>Acknowledge %n alert(s)</source>
            <translation>
                <numerusform>将 %n 条标为已读</numerusform>
            </translation>
        </message>
        <message>
            <source>The appeal editor is not part of this version yet.</source>
            <translation>此版本尚未包含申诉编辑器。</translation>
        </message>
        <message>
            <source>There is no penalty notice to appeal for this alert.</source>
            <translation>这条提醒没有可以申诉的处罚通知。</translation>
        </message>
        <message>
            <source>Draft an appeal against the notice</source>
            <translation>针对这条处罚起草申诉</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <source>shopwatch cannot start</source>
            <translation>shopwatch 无法启动</translation>
        </message>
    </context>
    <context>
        <name>AppController</name>
        <message>
            <source>The work stopped unexpectedly</source>
            <translation>任务意外中止</translation>
        </message>
        <message>
            <source>Nothing from it was saved. Please try again.</source>
            <translation>其中的内容都没有保存，请重试。</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <extracomment>shops whose last attempt could not even start (no run is recorded for it)</extracomment>
            <translation>正在取消…</translation>
        </message>
        <message>
            <source>Preparing the demo shop…</source>
            <translation>正在准备演示店铺…</translation>
        </message>
        <message>
            <source>Importing into %1…</source>
            <translation>正在导入到 %1…</translation>
        </message>
        <message>
            <source>Syncing %1…</source>
            <translation>正在同步 %1…</translation>
        </message>
        <message>
            <source>Simulating day %1 of %2…</source>
            <translation>正在模拟第 %1 天（共 %2 天）…</translation>
        </message>
        <message numerus="yes">
            <source>%Ln file(s) read, %1 rows</source>
            <translation>
                <numerusform>已读取 %Ln 个文件，%1 行</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln page(s) fetched, %1 listings</source>
            <translation>
                <numerusform>已获取 %Ln 页，%1 件宝贝</numerusform>
            </translation>
        </message>
        <message>
            <source>Something went wrong</source>
            <translation>出现了问题</translation>
        </message>
        <message>
            <source>The sync of “%1” failed</source>
            <translation>“%1”同步失败</translation>
        </message>
        <message>
            <source>“%1” is already being synced</source>
            <translation>“%1”正在同步中</translation>
        </message>
        <message>
            <source>shopwatch is still watching</source>
            <translation>shopwatch 仍在监控</translation>
        </message>
        <message>
            <source>It keeps syncing in the tray. To quit, use Quit in the tray menu.</source>
            <translation>它会在托盘中继续同步。要退出，请在托盘菜单中选择“退出”。</translation>
        </message>
        <message>
            <source>Add a shop first</source>
            <translation>请先添加店铺</translation>
        </message>
        <message>
            <source>No shop yet</source>
            <translation>还没有店铺</translation>
        </message>
        <message>
            <source>simulated day %1</source>
            <translation>模拟第 %1 天</translation>
        </message>
        <message>
            <source>Not synced yet</source>
            <translation>尚未同步</translation>
        </message>
        <message numerus="yes">
            <source>Last sync %1 · %Ln listing(s)</source>
            <translation>
                <numerusform>上次同步 %1 · %Ln 件宝贝</numerusform>
            </translation>
        </message>
        <message>
            <source>Last sync failed %1: %2</source>
            <translation>上次同步失败 %1：%2</translation>
        </message>
        <message>
            <source>Updated by importing export files</source>
            <translation>不自动同步：导入文件后更新</translation>
        </message>
        <message>
            <source>Syncing paused</source>
            <translation>同步已暂停</translation>
        </message>
        <message>
            <source>Next sync: now</source>
            <translation>下次同步：马上</translation>
        </message>
        <message>
            <source>Next sync %1</source>
            <translation>下次同步：%1</translation>
        </message>
        <message>
            <source>The profile's database is damaged</source>
            <translation>档案数据库已损坏</translation>
        </message>
        <message>
            <source>The daily backup's check found damage. Close shopwatch and run 'shopwatch restore' (your newest good backup is kept).</source>
            <translation>每日备份的校验发现了损坏。请关闭 shopwatch 并运行“shopwatch restore”（最新的完好备份已保留）。</translation>
        </message>
    </context>
    <context>
        <name>AppealsFrame</name>
        <message>
            <source>Appeals</source>
            <translation>申诉</translation>
        </message>
        <message>
            <source>Draft an appeal from a template, add your evidence, then copy or export it.</source>
            <translation>用模板起草申诉书，补充证据，然后复制或导出。</translation>
        </message>
    </context>
    <context>
        <name>AppealsPage</name>
        <message>
            <source>Notice</source>
            <translation>处罚通知</translation>
        </message>
        <message>
            <source>Template</source>
            <translation>模板</translation>
        </message>
        <message>
            <source>Letter language</source>
            <translation>申诉书语言</translation>
        </message>
        <message>
            <source>Evidence</source>
            <translation>证据</translation>
        </message>
        <message>
            <source>Regenerate letter</source>
            <translation>重新生成申诉书</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>预览</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>编辑</translation>
        </message>
        <message>
            <source>Save draft</source>
            <translation>保存草稿</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <source>Mark submitted</source>
            <translation>标记为已提交</translation>
        </message>
        <message>
            <source>Accepted</source>
            <translation>已通过</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>被驳回</translation>
        </message>
        <message>
            <source>Not submitted yet</source>
            <translation>尚未提交</translation>
        </message>
        <message>
            <source>New draft</source>
            <translation>新草稿</translation>
        </message>
        <message>
            <source>Record that you sent this appeal to the platform. Deadline warnings for the notice stop.</source>
            <translation>记录你已向平台提交这份申诉。这条处罚的截止提醒将停止。</translation>
        </message>
        <message>
            <source>Undo 'Mark submitted': deadline warnings resume.</source>
            <translation>撤销“标记为已提交”：截止提醒将恢复。</translation>
        </message>
        <message>
            <source>No penalty notices yet. When the platform issues one, draft its appeal here.</source>
            <translation>暂无处罚通知。平台发出处罚后，可以在这里起草申诉。</translation>
        </message>
        <message>
            <source>The letter was copied. Paste it into the platform's appeal form.</source>
            <translation>申诉书已复制，请粘贴到平台的申诉表单中。</translation>
        </message>
        <message>
            <source>There is no letter to export yet.</source>
            <translation>还没有可以导出的申诉书。</translation>
        </message>
        <message>
            <source>Complete the letter before marking it submitted.</source>
            <translation>请先完成申诉书，再标记为已提交。</translation>
        </message>
        <message>
            <source> (suggested)</source>
            <translation>（推荐）</translation>
        </message>
        <message>
            <source> — yours</source>
            <translation> — 自定义</translation>
        </message>
        <message>
            <source>No template applies to this notice in this language. Add one to your templates folder.</source>
            <translation>在这种语言下没有适用于这条处罚的模板。请在模板文件夹中添加一个。</translation>
        </message>
        <message>
            <source>This template needs: %1</source>
            <translation>此模板需要：%1</translation>
        </message>
        <message>
            <source>The letter is complete. Read it through and edit it where your case differs.</source>
            <translation>申诉书已完成。请通读一遍，按你的实际情况修改。</translation>
        </message>
        <message>
            <source>The evidence or template changed after you edited the letter. Regenerate it to include the change (your edits will be replaced), or edit it by hand.</source>
            <translation>你编辑申诉书之后，证据或模板又有了变化。可以重新生成以包含这些变化（你的修改会被覆盖），也可以手动修改。</translation>
        </message>
        <message>
            <source>The letter appears here once the required evidence is filled in.</source>
            <translation>填好必需的证据后，申诉书会显示在这里。</translation>
        </message>
        <message>
            <source>Appeal submitted: deadline warnings are off.</source>
            <translation>申诉已提交：截止提醒已关闭。</translation>
        </message>
        <message>
            <source>The platform revoked this penalty.</source>
            <translation>平台已撤销这条处罚。</translation>
        </message>
        <message>
            <source>The platform upheld this penalty.</source>
            <translation>平台维持了这条处罚。</translation>
        </message>
        <message>
            <source>No appeal deadline is known.</source>
            <translation>申诉截止时间未知。</translation>
        </message>
        <message>
            <source>The appeal deadline passed (%1).</source>
            <translation>申诉截止时间已过（%1）。</translation>
        </message>
        <message>
            <source>Appeal by %1 (%2)</source>
            <translation>请在 %1 前申诉（%2）</translation>
        </message>
        <message>
            <source>Not saved yet</source>
            <translation>尚未保存</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <source>Submitted</source>
            <translation>已提交</translation>
        </message>
        <message>
            <source>%1 #%2 · %3</source>
            <translation>%1 #%2 · %3</translation>
        </message>
        <message>
            <source>Appeal</source>
            <translation>申诉</translation>
        </message>
        <message>
            <source>Export the letter</source>
            <translation>导出申诉书</translation>
        </message>
        <message>
            <source>Word document (*.docx);;PDF (*.pdf);;Text (*.txt)</source>
            <translation>Word 文档 (*.docx);;PDF (*.pdf);;纯文本 (*.txt)</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
        <message>
            <source>Exhibit bundle…</source>
            <translation>证据包…</translation>
        </message>
        <message>
            <source>A zip to attach to the appeal: a PDF summary (the listing before the penalty, its history and traffic, the notice, your evidence), the platform's raw records and your files, each with its SHA-256 hash</source>
            <translation>随申诉提交的压缩包：PDF 摘要（处罚前的宝贝、历史与流量、处罚通知、您的证据）、平台原始记录和您的文件，每个文件都附 SHA-256 校验值</translation>
        </message>
        <message>
            <source>Save the exhibit bundle</source>
            <translation>保存证据包</translation>
        </message>
        <message>
            <source>Zip archive (*.zip)</source>
            <translation>Zip 压缩包 (*.zip)</translation>
        </message>
        <message>
            <source>Making the exhibit bundle…</source>
            <translation>正在生成证据包……</translation>
        </message>
        <message numerus="yes">
            <source>Saved the exhibit bundle %1: %n file(s), each with its SHA-256 in manifest.json.</source>
            <translation>
                <numerusform>已保存证据包 %1：共 %n 个文件，每个文件的 SHA-256 记录在 manifest.json 中。</numerusform>
            </translation>
        </message>
        <message>
            <source>The exhibit bundle was not made: %1</source>
            <translation>证据包未能生成：%1</translation>
        </message>
        <message>
            <source>Chinese side by side</source>
            <translation>中英对照说明</translation>
        </message>
        <message>
            <source>The letter (English)</source>
            <translation>申诉信（英文）</translation>
        </message>
        <message>
            <source>What the section must say (Chinese)</source>
            <translation>这一部分要写什么（中文说明）</translation>
        </message>
    </context>
    <context>
        <name>AppealsPlaceholder</name>
        <message>
            <source>Appeal drafting is not available in this version</source>
            <translation>此版本暂不支持起草申诉</translation>
        </message>
        <message>
            <source>Here you will draft appeals from templates, filled in with the notice, the listing and your evidence (order numbers, tracking numbers, invoices). Until then, the Notices page shows every deadline.</source>
            <translation>以后可以在这里用模板起草申诉书，自动填入处罚通知、宝贝信息和你的证据（订单号、物流单号、发票）。在此之前，“处罚与扣分”页面会列出每一个截止时间。</translation>
        </message>
    </context>
    <context>
        <name>ChannelDialog</name>
        <message>
            <source>Edit channel</source>
            <translation>编辑通知渠道</translation>
        </message>
        <message>
            <source>Add a channel</source>
            <translation>添加通知渠道</translation>
        </message>
        <message>
            <source>e.g. My phone, Shop e-mail</source>
            <translation>例如：我的手机、店铺邮箱</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Unchanged ({0})</source>
            <translation>不变（{0}）</translation>
        </message>
        <message>
            <source>Show</source>
            <translation>查看</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>An Apprise URL: e-mail (mailto:// or mailtos://), DingTalk (dingtalk://), WeCom (wecombot://), Feishu/Lark (feishu://, lark://), Telegram (tgram://), Slack, webhooks (json://) and many more. It is kept in the system keychain.</source>
            <translation>Apprise 地址：邮件（mailto:// 或 mailtos://）、钉钉（dingtalk://）、企业微信（wecombot://）、飞书/Lark（feishu://、lark://）、Telegram（tgram://）、Slack、Webhook（json://）等等。地址保存在系统钥匙串中。</translation>
        </message>
        <message>
            <source>Sends</source>
            <translation>发送内容</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>提醒</translation>
        </message>
        <message>
            <source>Severities</source>
            <translation>级别</translation>
        </message>
        <message>
            <source>Shops</source>
            <translation>店铺</translation>
        </message>
        <message>
            <source>Hold messages during quiet hours</source>
            <translation>免打扰时段内暂缓发送</translation>
        </message>
        <message>
            <source>Channel is on</source>
            <translation>启用此渠道</translation>
        </message>
        <message>
            <source>Same as the notifications</source>
            <translation>与通知设置相同</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>Send test message</source>
            <translation>发送测试消息</translation>
        </message>
        <message>
            <source>Give the channel a name.</source>
            <translation>请填写渠道名称。</translation>
        </message>
        <message>
            <source>Enter the channel's address.</source>
            <translation>请填写渠道地址。</translation>
        </message>
        <message>
            <source>Choose at least one kind of alert and one severity.</source>
            <translation>请至少选择一种提醒类型和一个级别。</translation>
        </message>
        <message>
            <source>This address is not one Apprise knows. Check the service name before '://' and the parts after it.</source>
            <translation>Apprise 无法识别这个地址。请检查“://”前的服务名称和后面的部分。</translation>
        </message>
        <message>
            <source>Enter the channel's address first.</source>
            <translation>请先填写渠道地址。</translation>
        </message>
        <message>
            <source>Sending a test message…</source>
            <translation>正在发送测试消息…</translation>
        </message>
    </context>
    <context>
        <name>DamagedProfile</name>
        <message>
            <source>The disk holding your shopwatch data (%1) is full. Nothing was changed and your data is intact. Free some space on that disk, then start shopwatch again.</source>
            <translation>存放 shopwatch 数据的磁盘（%1）已满。没有任何改动，您的数据完好无损。请先在该磁盘上腾出空间，再重新启动 shopwatch。</translation>
        </message>
        <message>
            <source>Your shopwatch data folder (%1) is read-only, so shopwatch cannot save anything there. Nothing was changed and your data is intact. Make the folder writable, then start shopwatch again.</source>
            <translation>您的 shopwatch 数据文件夹（%1）是只读的，shopwatch 无法在其中保存任何内容。没有任何改动，您的数据完好无损。请将该文件夹设为可写，再重新启动 shopwatch。</translation>
        </message>
        <message>
            <source>The data folder chosen for shopwatch (%1) is a file, not a folder. Choose a folder; the file was not changed.</source>
            <translation>为 shopwatch 选择的数据文件夹（%1）是一个文件，而不是文件夹。请选择一个文件夹；该文件未被改动。</translation>
        </message>
    </context>
    <context>
        <name>DamagedProfileDialog</name>
        <message>
            <source>Your shopwatch data is damaged</source>
            <translation>您的 shopwatch 数据已损坏</translation>
        </message>
        <message>
            <source>shopwatch found damage in its data file and has not changed it. Until it is repaired, shopwatch will not sync or save anything.</source>
            <translation>shopwatch 发现数据文件已损坏，并且没有改动它。修复之前，shopwatch 不会同步，也不会保存任何内容。</translation>
        </message>
        <message>
            <source>The newest good backup is from %1. Restoring it puts that copy back; the damaged file is kept beside it, renamed, not deleted. What changed after %1 is not in the backup: the next sync fetches your shop&apos;s current state again.</source>
            <translation>最新的完好备份来自 %1。恢复后将放回这份副本；损坏的文件会改名保留在旁边，不会被删除。%1 之后的改动不在备份中：下一次同步会重新获取店铺的当前状态。</translation>
        </message>
        <message>
            <source>There is no backup to restore. Keep the file %1: copy it somewhere safe before trying anything else.</source>
            <translation>没有可恢复的备份。请保留文件 %1：在做任何其他尝试之前，先把它复制到安全的地方。</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <source>Restore the backup</source>
            <translation>恢复备份</translation>
        </message>
        <message>
            <source>The backup could not be restored: %1</source>
            <translation>无法恢复备份：%1</translation>
        </message>
    </context>
    <context>
        <name>DetectionForm</name>
        <message>
            <source>How sensitive the alerts are. The defaults suit a small shop; change them if you get too many or too few alerts.</source>
            <translation>提醒的灵敏度。默认值适合小店铺；如果提醒太多或太少，可以在这里调整。</translation>
        </message>
        <message>
            <source>Traffic baseline</source>
            <translation>流量基准</translation>
        </message>
        <message>
            <source> days</source>
            <translation> 天</translation>
        </message>
        <message>
            <source>Days of traffic the normal level is measured over.</source>
            <translation>用多少天的流量来计算正常水平。</translation>
        </message>
        <message>
            <source>Recent window</source>
            <translation>近期窗口</translation>
        </message>
        <message>
            <source>Every one of these latest days must be low to suspect a demotion.</source>
            <translation>最近这几天每天的流量都偏低，才会怀疑降权。</translation>
        </message>
        <message>
            <source>Demotion at or below</source>
            <translation>降权判定线</translation>
        </message>
        <message>
            <source>Recent visits at or below this share of the normal level count as collapsed.</source>
            <translation>近期访客数不高于正常水平的这个比例，即视为流量骤降。</translation>
        </message>
        <message>
            <source>Minimum traffic</source>
            <translation>最低流量</translation>
        </message>
        <message>
            <source> visits/day</source>
            <translation> 访客/天</translation>
        </message>
        <message>
            <source>Listings with less normal traffic are too noisy to judge.</source>
            <translation>正常流量低于此值的宝贝波动太大，不做判断。</translation>
        </message>
        <message>
            <source>Mass disappearance at</source>
            <translation>大批消失判定线</translation>
        </message>
        <message>
            <source>This share of the shop vanishing in one sync raises a loud alert.</source>
            <translation>一次同步中有这个比例的宝贝消失时，发出紧急提醒。</translation>
        </message>
        <message>
            <source>…and at least</source>
            <translation>…且至少</translation>
        </message>
        <message>
            <source> listings</source>
            <translation> 件宝贝</translation>
        </message>
        <message>
            <source>Warn before a threshold</source>
            <translation>节点预警</translation>
        </message>
        <message>
            <source> points</source>
            <translation> 分</translation>
        </message>
        <message>
            <source>Warn when a point ledger is this close to the next threshold.</source>
            <translation>扣分距离下一个处罚节点只差这么多分时提醒。</translation>
        </message>
        <message>
            <source>Appeal deadline warnings</source>
            <translation>申诉截止提醒</translation>
        </message>
        <message>
            <source>Hours before a deadline to warn, separated by commas (e.g. 72, 24).</source>
            <translation>在截止前多少小时提醒，用逗号分隔（例如 72, 24）。</translation>
        </message>
        <message>
            <source>Alert after failed syncs</source>
            <translation>同步失败提醒</translation>
        </message>
        <message>
            <source> in a row</source>
            <translation> 次（连续）</translation>
        </message>
        <message>
            <source>Failed syncs in a row before alerting.</source>
            <translation>连续同步失败多少次后提醒。</translation>
        </message>
        <message>
            <source>Look-ups per sync</source>
            <translation>每次同步单独核查数</translation>
        </message>
        <message>
            <source>Missing listings checked one by one per sync; the rest wait for the next sync.</source>
            <translation>每次同步逐个核查的消失宝贝数量；其余的留到下次同步。</translation>
        </message>
        <message>
            <source>Restore defaults</source>
            <translation>恢复默认值</translation>
        </message>
    </context>
    <context>
        <name>EvidenceForm</name>
        <message>
            <source>Order numbers</source>
            <translation>订单号</translation>
        </message>
        <message>
            <source>Logistics company</source>
            <translation>物流公司</translation>
        </message>
        <message>
            <source>Tracking numbers</source>
            <translation>物流单号</translation>
        </message>
        <message>
            <source>Buyer chat excerpts</source>
            <translation>买家聊天记录摘录</translation>
        </message>
        <message>
            <source>Purchase invoices</source>
            <translation>进货发票</translation>
        </message>
        <message>
            <source>Brand authorisation</source>
            <translation>品牌授权书</translation>
        </message>
        <message>
            <source>Other attachments</source>
            <translation>其他附件</translation>
        </message>
        <message>
            <source>Brand</source>
            <translation>品牌</translation>
        </message>
        <message>
            <source>Supplier</source>
            <translation>供应商</translation>
        </message>
        <message>
            <source>Root cause</source>
            <translation>问题原因</translation>
        </message>
        <message>
            <source>Corrective actions taken</source>
            <translation>已采取的整改措施</translation>
        </message>
        <message>
            <source>Preventive measures</source>
            <translation>预防措施</translation>
        </message>
        <message>
            <source>Self-check results</source>
            <translation>自查结果</translation>
        </message>
        <message>
            <source>Statement of facts</source>
            <translation>事实陈述</translation>
        </message>
        <message>
            <source>Additional notes</source>
            <translation>补充说明</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>联系方式</translation>
        </message>
        <message>
            <source>Separate several with commas or spaces</source>
            <translation>多个请用逗号或空格分隔</translation>
        </message>
        <message>
            <source>One entry per paragraph: leave a blank line between entries</source>
            <translation>每段一条：条目之间空一行</translation>
        </message>
        <message>
            <source>Required</source>
            <translation>必填</translation>
        </message>
        <message>
            <source>Optional</source>
            <translation>选填</translation>
        </message>
        <message>
            <source>Required for this template</source>
            <translation>此模板必填</translation>
        </message>
    </context>
    <context>
        <name>FileListInput</name>
        <message>
            <source>Add…</source>
            <extracomment>text fields that hold sentences, not a name: a multi-line box</extracomment>
            <translation>添加…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>SHA-256: %1
Stored as: %2</source>
            <translation>SHA-256：%1
保存为：%2</translation>
        </message>
        <message>
            <source>Add evidence files</source>
            <translation>添加证据文件</translation>
        </message>
        <message>
            <source>Documents and images (*.pdf *.jpg *.jpeg *.png *.gif *.webp *.bmp *.tif *.tiff *.heic *.ofd *.doc *.docx *.xls *.xlsx *.txt)</source>
            <translation>文档和图片 (*.pdf *.jpg *.jpeg *.png *.gif *.webp *.bmp *.tif *.tiff *.heic *.ofd *.doc *.docx *.xls *.xlsx *.txt)</translation>
        </message>
        <message>
            <source>Some files were not added</source>
            <translation>部分文件没有添加</translation>
        </message>
    </context>
    <context>
        <name>FileShopDialog</name>
        <message>
            <source>Edit shop</source>
            <translation>编辑店铺</translation>
        </message>
        <message>
            <source>Add a shop from export files</source>
            <translation>用导出文件添加店铺</translation>
        </message>
        <message>
            <source>No API key is needed: export your listings (and, if you like, the traffic report and violation records) from the seller centre as CSV or Excel and import them. shopwatch compares each import with the last one.</source>
            <translation>不需要 API 密钥：在卖家中心把宝贝列表（也可以加上商品流量报表和违规记录）导出为 CSV 或 Excel，再导入进来。shopwatch 会把每次导入和上一次对比。</translation>
        </message>
        <message>
            <source>e.g. My Taobao shop</source>
            <translation>例如：我的淘宝店</translation>
        </message>
        <message>
            <source>Shop name</source>
            <translation>店铺名称</translation>
        </message>
        <message>
            <source>Optional</source>
            <translation>选填</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>选择…</translation>
        </message>
        <message>
            <source>Watch folder</source>
            <translation>监视文件夹</translation>
        </message>
        <message>
            <source>With a watch folder, save each new export there: every sync imports the newest one. Without it, import exports by hand from the Listings page.</source>
            <translation>设置监视文件夹后，把每次新导出的文件保存到那里，每次同步都会导入最新的一份。不设置的话，请在“宝贝”页手动导入。</translation>
        </message>
        <message>
            <source>Choose the folder where you save exports</source>
            <translation>选择保存导出文件的文件夹</translation>
        </message>
        <message>
            <source>Give the shop a name.</source>
            <translation>请填写店铺名称。</translation>
        </message>
        <message>
            <source>Another shop is already called “%1”.</source>
            <translation>已经有店铺叫“%1”了。</translation>
        </message>
        <message>
            <source>The folder %1 does not exist.</source>
            <translation>文件夹 %1 不存在。</translation>
        </message>
    </context>
    <context>
        <name>Format</name>
        <message>
            <source>just now</source>
            <translation>刚刚</translation>
        </message>
        <message numerus="yes">
            <source>in %n min</source>
            <translation>
                <numerusform>%n 分钟后</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n min ago</source>
            <translation>
                <numerusform>%n 分钟前</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>in %n h</source>
            <translation>
                <numerusform>%n 小时后</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n h ago</source>
            <translation>
                <numerusform>%n 小时前</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>in %n day(s)</source>
            <translation>
                <numerusform>%n 天后</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) ago</source>
            <translation>
                <numerusform>%n 天前</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1（%2）</translation>
        </message>
        <message>
            <source>%1 ms</source>
            <translation>%1 毫秒</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 秒</translation>
        </message>
    </context>
    <context>
        <name>ImportFileDialog</name>
        <message>
            <source>Import an export file into “%1”</source>
            <translation>把导出文件导入“%1”</translation>
        </message>
        <message>
            <source>Export your listings (or the item traffic report, or your violation records) from the seller centre as CSV or Excel, then choose the file here.</source>
            <translation>在卖家中心把宝贝列表（或商品流量报表、违规记录）导出为 CSV 或 Excel，然后在这里选择该文件。</translation>
        </message>
        <message>
            <source>Export file (CSV, TXT, XLSX, XLS)</source>
            <translation>导出文件（CSV、TXT、XLSX、XLS）</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>选择…</translation>
        </message>
        <message>
            <source>Detect</source>
            <translation>识别</translation>
        </message>
        <message>
            <source>Listings</source>
            <translation>宝贝列表</translation>
        </message>
        <message>
            <source>Traffic report</source>
            <translation>流量报表</translation>
        </message>
        <message>
            <source>Violation records</source>
            <translation>违规记录</translation>
        </message>
        <message>
            <source>Columns</source>
            <translation>列</translation>
        </message>
        <message>
            <source>The export is complete: these listings really are all the shop has now</source>
            <translation>导出是完整的：这些就是店铺现在的全部宝贝</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <source>Violation ledger</source>
            <translation>积分类别</translation>
        </message>
        <message>
            <source>Listing title</source>
            <translation>宝贝标题</translation>
        </message>
        <message>
            <source>Listing ID</source>
            <translation>宝贝 ID</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>Price</source>
            <translation>价格</translation>
        </message>
        <message>
            <source>Stock</source>
            <translation>库存</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Listing link</source>
            <translation>宝贝链接</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类目</translation>
        </message>
        <message>
            <source>Outer ID</source>
            <translation>商家编码</translation>
        </message>
        <message>
            <source>Main picture</source>
            <translation>主图</translation>
        </message>
        <message>
            <source>Last modified</source>
            <translation>最后修改时间</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Visitors</source>
            <translation>访客数</translation>
        </message>
        <message>
            <source>Page views</source>
            <translation>浏览量</translation>
        </message>
        <message>
            <source>Impressions</source>
            <translation>曝光量</translation>
        </message>
        <message>
            <source>Keyword rank</source>
            <translation>关键词排名</translation>
        </message>
        <message>
            <source>Notice number</source>
            <translation>处罚编号</translation>
        </message>
        <message>
            <source>Violation type</source>
            <translation>违规类型</translation>
        </message>
        <message>
            <source>Points</source>
            <translation>扣分</translation>
        </message>
        <message>
            <source>Penalty time</source>
            <translation>处罚时间</translation>
        </message>
        <message>
            <source>Appeal deadline</source>
            <translation>申诉截止时间</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>处罚描述</translation>
        </message>
        <message numerus="yes">
            <source>%n listing(s)</source>
            <translation>
                <numerusform>%n 件宝贝</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n traffic record(s)</source>
            <translation>
                <numerusform>%n 条流量记录</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln notice(s)</source>
            <translation>
                <numerusform>%Ln 条处罚通知</numerusform>
            </translation>
        </message>
        <message>
            <source>nothing new</source>
            <translation>没有新内容</translation>
        </message>
        <message numerus="yes">
            <source>Imported: %1; %n new alert(s).</source>
            <translation>
                <numerusform>已导入：%1；新增 %n 条提醒。</numerusform>
            </translation>
        </message>
        <message>
            <source>line %1</source>
            <translation>第 %1 行</translation>
        </message>
        <message>
            <source>column “%1”</source>
            <translation>“%1”列</translation>
        </message>
        <message>
            <source>shopwatch cannot tell what kind of export this is. Choose Listings, Traffic report or Violation records above.</source>
            <translation>shopwatch 无法判断这是哪种导出文件。请在上方选择“宝贝列表”“流量报表”或“违规记录”。</translation>
        </message>
        <message>
            <source>No column was recognised for %1. Choose it under Columns.</source>
            <translation>没有识别出这些字段对应的列：%1。请在“列”里选择。</translation>
        </message>
        <message>
            <source>Choose an export file</source>
            <translation>选择导出文件</translation>
        </message>
        <message>
            <source>Exports (*.csv *.txt *.tsv *.xlsx *.xls);;All files (*)</source>
            <translation>导出文件 (*.csv *.txt *.tsv *.xlsx *.xls);;所有文件 (*)</translation>
        </message>
        <message>
            <source>sheet “%1”</source>
            <translation>工作表“%1”</translation>
        </message>
        <message>
            <source>header on line %1</source>
            <translation>表头在第 %1 行</translation>
        </message>
        <message>
            <source>a listings export</source>
            <translation>宝贝列表</translation>
        </message>
        <message>
            <source>a traffic report</source>
            <translation>流量报表</translation>
        </message>
        <message>
            <source>violation records</source>
            <translation>违规记录</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <source>Read as %1: %2; %3 rows.</source>
            <translation>识别为%1：%2；共 %3 行。</translation>
        </message>
        <message>
            <source>An import into this shop is already under way. Wait for it to finish, then import again.</source>
            <translation>这个店铺已有一个导入正在进行。请等它完成后再导入。</translation>
        </message>
        <message>
            <source>Importing…</source>
            <translation>正在导入…</translation>
        </message>
        <message>
            <source>Waiting for the sync under way to finish…</source>
            <translation>正在等待当前的同步完成…</translation>
        </message>
        <message>
            <source>Amazon's Suppressed Listings report</source>
            <translation>亚马逊“被屏蔽商品”报告</translation>
        </message>
    </context>
    <context>
        <name>ImportFlow</name>
        <message>
            <source>“%1” cannot import right now</source>
            <translation>“%1”暂时无法导入</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>On sale</source>
            <translation>出售中</translation>
        </message>
        <message>
            <source>In warehouse</source>
            <translation>仓库中</translation>
        </message>
        <message>
            <source>Sold out</source>
            <translation>已售罄</translation>
        </message>
        <message>
            <source>Violation delisted</source>
            <translation>违规下架</translation>
        </message>
        <message>
            <source>Missing</source>
            <translation>已消失</translation>
        </message>
        <message>
            <source>Deleted</source>
            <translation>已删除</translation>
        </message>
        <message>
            <source>Demoted</source>
            <translation>降权</translation>
        </message>
        <message>
            <source>Normal</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>Critical</source>
            <translation>紧急</translation>
        </message>
        <message>
            <source>Warning</source>
            <translation>警告</translation>
        </message>
        <message>
            <source>Info</source>
            <translation>提示</translation>
        </message>
        <message>
            <source>Listing deleted</source>
            <translation>宝贝被删除</translation>
        </message>
        <message>
            <source>Violation delisting</source>
            <translation>违规下架</translation>
        </message>
        <message>
            <source>Moved to warehouse</source>
            <translation>下架到仓库</translation>
        </message>
        <message>
            <source>Search demotion</source>
            <translation>搜索降权</translation>
        </message>
        <message>
            <source>New penalty</source>
            <translation>新处罚</translation>
        </message>
        <message>
            <source>Penalty points</source>
            <translation>违规扣分</translation>
        </message>
        <message>
            <source>Appeal deadline</source>
            <translation>申诉截止</translation>
        </message>
        <message>
            <source>Changed by platform</source>
            <translation>平台修改</translation>
        </message>
        <message>
            <source>Mass disappearance</source>
            <translation>大批宝贝消失</translation>
        </message>
        <message>
            <source>Sync failing</source>
            <translation>同步失败</translation>
        </message>
        <message>
            <source>False trading</source>
            <translation>虚假交易</translation>
        </message>
        <message>
            <source>Counterfeit goods</source>
            <translation>出售假冒商品</translation>
        </message>
        <message>
            <source>IP infringement</source>
            <translation>知识产权侵权</translation>
        </message>
        <message>
            <source>Misdescription</source>
            <translation>描述不符</translation>
        </message>
        <message>
            <source>Prohibited item</source>
            <translation>发布违禁信息</translation>
        </message>
        <message>
            <source>Deleted without reason</source>
            <translation>无理由删除</translation>
        </message>
        <message>
            <source>Listing spam</source>
            <translation>滥发信息</translation>
        </message>
        <message>
            <source>Other violation</source>
            <translation>其他违规</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>待处理</translation>
        </message>
        <message>
            <source>Appealed</source>
            <translation>已申诉</translation>
        </message>
        <message>
            <source>Revoked</source>
            <translation>已撤销</translation>
        </message>
        <message>
            <source>Upheld</source>
            <translation>维持处罚</translation>
        </message>
        <message>
            <source>General violations</source>
            <translation>一般违规</translation>
        </message>
        <message>
            <source>Serious violations</source>
            <translation>严重违规</translation>
        </message>
        <message>
            <source>General</source>
            <translation>一般</translation>
        </message>
        <message>
            <source>Serious</source>
            <translation>严重</translation>
        </message>
        <message>
            <source>Demo shop</source>
            <translation>演示店铺</translation>
        </message>
        <message>
            <source>general</source>
            <translation>一般违规</translation>
        </message>
        <message>
            <source>serious</source>
            <translation>严重违规</translation>
        </message>
        <message>
            <source>The platform rejected the shop's credentials or the session expired. Authorise shopwatch again and update the session key in Settings.</source>
            <translation>平台拒绝了店铺的凭证，或者会话已过期。请重新授权 shopwatch，并在“设置”中更新会话密钥（SessionKey）。</translation>
        </message>
        <message>
            <source>The platform could not be reached. Check the internet connection; shopwatch will try again.</source>
            <translation>无法连接到平台。请检查网络连接；shopwatch 会自动重试。</translation>
        </message>
        <message>
            <source>The platform is limiting requests right now; shopwatch will try again later.</source>
            <translation>平台当前限制了调用频率；shopwatch 稍后会重试。</translation>
        </message>
        <message>
            <source>The platform sent an incomplete list, so nothing was changed. shopwatch will try again.</source>
            <translation>平台返回的宝贝列表不完整，因此没有做任何更改。shopwatch 会重试。</translation>
        </message>
        <message>
            <source>The platform answered with an error. Nothing was changed.</source>
            <translation>平台返回了错误，没有做任何更改。</translation>
        </message>
        <message>
            <source>The results could not be saved: the disk may be full or the data folder read-only (the details say which). Nothing was changed.</source>
            <translation>同步结果无法保存：磁盘可能已满，或数据文件夹是只读的（详情中会说明是哪一种）。没有任何改动。</translation>
        </message>
        <message>
            <source>shopwatch found damage in its data file and stopped saving to it. Restart shopwatch to restore the newest good backup; the damaged file is kept.</source>
            <translation>shopwatch 发现数据文件已损坏，已停止向其中保存。请重新启动 shopwatch 以恢复最新的完好备份；损坏的文件会被保留。</translation>
        </message>
        <message>
            <source>The sync was cancelled; nothing was changed.</source>
            <translation>同步已取消，没有做任何更改。</translation>
        </message>
        <message>
            <source>The last sync was interrupted; nothing from it was saved.</source>
            <translation>上次同步被中断，其结果没有保存。</translation>
        </message>
        <message>
            <source>This shop is not fully set up yet. Open Settings → Shops to complete it.</source>
            <translation>这个店铺还没有设置完整。请打开“设置 → 店铺”补全。</translation>
        </message>
        <message>
            <source>The export file could not be read, or what it says does not add up. Nothing was imported; the details say which file, line and column to check.</source>
            <translation>导出文件无法读取，或者文件内容前后对不上。没有导入任何内容；详细信息里写明了要检查的文件、行和列。</translation>
        </message>
        <message>
            <source>The export holds far fewer listings than the shop had, so nothing was imported. If it covers only part of the shop (one page or one tab), export all of it; if the listings really are gone, confirm it and import again.</source>
            <translation>导出文件里的宝贝比店铺原有的少得多，所以没有导入。如果只导出了一部分（一页或一个标签页），请导出全部宝贝；如果这些宝贝确实没了，请确认后再导入一次。</translation>
        </message>
        <message>
            <source>Your edited rule file (in the profile's rules folder) has a mistake, so nothing was synced. Correct it, or delete it to use the built-in rules.</source>
            <translation>你修改过的规则文件（数据文件夹下的 rules 文件夹里）有错误，所以这次没有同步。请改正它，或删除它以使用内置规则。</translation>
        </message>
        <message>
            <source>Something unexpected went wrong, so nothing was changed. Please report this with the details.</source>
            <translation>出现了意外错误，没有做任何更改。请把详细信息反馈给我们。</translation>
        </message>
        <message>
            <source>Another sync of this shop was already running (from the command line or another window), so this one did not start. shopwatch will try again.</source>
            <translation>这个店铺的另一次同步（来自命令行或另一个窗口）已在进行，所以这次没有开始。shopwatch 稍后会再试。</translation>
        </message>
        <message>
            <source>A newer sync of this shop saved its results while this one was still fetching, so this older one was set aside. Nothing is wrong.</source>
            <translation>这次同步还在读取时，这个店铺较新的一次同步已经保存了结果，所以这次较旧的同步被搁置。一切正常。</translation>
        </message>
        <message>
            <source>The sync failed. Nothing was changed.</source>
            <translation>同步失败，没有做任何更改。</translation>
        </message>
        <message>
            <source>verified</source>
            <translation>已核实</translation>
        </message>
        <message>
            <source>unverified</source>
            <translation>未核实</translation>
        </message>
        <message>
            <source>edited by you</source>
            <translation>已被你修改</translation>
        </message>
        <message>
            <source>Points reset every year on</source>
            <translation>积分每年清零日</translation>
        </message>
        <message>
            <source>%1: point thresholds</source>
            <translation>%1节点分值</translation>
        </message>
        <message>
            <source>At %1 points</source>
            <translation>达到 %1 分</translation>
        </message>
        <message>
            <source>IP complaint</source>
            <translation>知识产权投诉</translation>
        </message>
        <message>
            <source>Authenticity complaint</source>
            <translation>真实性投诉</translation>
        </message>
        <message>
            <source>Removed from the catalogue</source>
            <translation>已从商品目录移除</translation>
        </message>
        <message>
            <source>Listing suppressed</source>
            <translation>商品被屏蔽</translation>
        </message>
        <message>
            <source>Search suppressed</source>
            <translation>搜索被屏蔽</translation>
        </message>
        <message>
            <source>Attribute suppressed</source>
            <translation>属性被屏蔽</translation>
        </message>
        <message>
            <source>Account health</source>
            <translation>账户状况</translation>
        </message>
        <message>
            <source>Listing policy violation</source>
            <translation>违反商品政策</translation>
        </message>
        <message>
            <source>Product condition complaint</source>
            <translation>商品状况投诉</translation>
        </message>
        <message>
            <source>Product safety</source>
            <translation>商品安全问题</translation>
        </message>
        <message>
            <source>Restricted product</source>
            <translation>受限商品</translation>
        </message>
        <message>
            <source>Other policy violation</source>
            <translation>其他政策违规</translation>
        </message>
    </context>
    <context>
        <name>ListingDetail</name>
        <message>
            <source>Open on Taobao</source>
            <translation>在淘宝打开</translation>
        </message>
        <message>
            <source>Visits, last 30 days</source>
            <translation>近 30 天访客数</translation>
        </message>
        <message>
            <source>Notices</source>
            <translation>处罚通知</translation>
        </message>
        <message>
            <source>History</source>
            <translation>变更记录</translation>
        </message>
        <message>
            <source>Listing ID</source>
            <translation>宝贝 ID</translation>
        </message>
        <message>
            <source>Price</source>
            <translation>价格</translation>
        </message>
        <message>
            <source>Stock</source>
            <translation>库存</translation>
        </message>
        <message>
            <source>Outer ID</source>
            <translation>商家编码</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类目</translation>
        </message>
        <message>
            <source>First seen</source>
            <translation>首次发现</translation>
        </message>
        <message>
            <source>Last seen</source>
            <translation>最后发现</translation>
        </message>
        <message>
            <source>Status since</source>
            <translation>状态变更于</translation>
        </message>
        <message>
            <source>Missing since</source>
            <translation>消失于</translation>
        </message>
        <message>
            <source>Latest day: %1 visits · median before: %2</source>
            <translation>最近一天：%1 访客 · 此前中位数：%2</translation>
        </message>
        <message>
            <source>, −%1 points</source>
            <translation>，扣 %1 分</translation>
        </message>
        <message>
            <source>Appeal by %1</source>
            <translation>请在 %1 前申诉</translation>
        </message>
        <message>
            <source>No history recorded yet.</source>
            <translation>暂无变更记录。</translation>
        </message>
        <message>
            <source>First seen: %1, %2</source>
            <translation>首次发现：%1，%2</translation>
        </message>
        <message>
            <source>Status: %1 → %2</source>
            <translation>状态：%1 → %2</translation>
        </message>
        <message>
            <source>Search: %1 → %2</source>
            <translation>搜索：%1 → %2</translation>
        </message>
        <message>
            <source>Price: %1 → %2</source>
            <translation>价格：%1 → %2</translation>
        </message>
        <message>
            <source>Title: “%1” → “%2”</source>
            <translation>标题：“%1” → “%2”</translation>
        </message>
        <message>
            <source>Stock: %1 → %2</source>
            <translation>库存：%1 → %2</translation>
        </message>
    </context>
    <context>
        <name>ListingsModel</name>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Listing</source>
            <translation>宝贝</translation>
        </message>
        <message>
            <source>Listing ID</source>
            <translation>宝贝 ID</translation>
        </message>
        <message>
            <source>Price</source>
            <translation>价格</translation>
        </message>
        <message>
            <source>Stock</source>
            <translation>库存</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>搜索</translation>
        </message>
        <message>
            <source>Status since</source>
            <translation>状态变更于</translation>
        </message>
        <message>
            <source>Last seen</source>
            <translation>最后发现</translation>
        </message>
    </context>
    <context>
        <name>ListingsPage</name>
        <message>
            <source>Listings</source>
            <extracomment>filter key -&gt; (statuses, search status) the ID sits under the title, "demoted" beside the status, last seen in the detail pane</extracomment>
            <translation>宝贝</translation>
        </message>
        <message>
            <source>Import file…</source>
            <translation>导入文件…</translation>
        </message>
        <message>
            <source>Import a listings export, traffic report or violation records from the seller centre (CSV or Excel).</source>
            <translation>导入卖家中心导出的宝贝列表、商品流量报表或违规记录（CSV 或 Excel）。</translation>
        </message>
        <message>
            <source>Search by title, listing ID or outer ID</source>
            <translation>按标题、宝贝 ID 或商家编码搜索</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <source>On sale</source>
            <translation>出售中</translation>
        </message>
        <message>
            <source>Off shelf or sold out</source>
            <translation>仓库中或已售罄</translation>
        </message>
        <message>
            <source>Violation delisted</source>
            <translation>违规下架</translation>
        </message>
        <message>
            <source>Deleted or missing</source>
            <translation>已删除或已消失</translation>
        </message>
        <message>
            <source>Demoted in search</source>
            <translation>搜索降权</translation>
        </message>
        <message>
            <source>No listings yet</source>
            <translation>还没有宝贝</translation>
        </message>
        <message>
            <source>Listings appear here after the first sync.</source>
            <translation>首次同步后，宝贝会显示在这里。</translation>
        </message>
        <message numerus="yes">
            <source>%Ln listing(s) in the shop</source>
            <translation>
                <numerusform>店铺共 %Ln 件宝贝</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln shown</source>
            <translation>
                <numerusform>显示 %Ln 件</numerusform>
            </translation>
        </message>
        <message>
            <source>No listing matches</source>
            <translation>没有匹配的宝贝</translation>
        </message>
        <message>
            <source>Show all listings</source>
            <translation>显示全部宝贝</translation>
        </message>
        <message>
            <source>Nothing matches “%1” here. Check the spelling, search by listing ID, or show all listings.</source>
            <translation>没有与“%1”匹配的宝贝。请检查拼写、改用宝贝 ID 搜索，或显示全部宝贝。</translation>
        </message>
        <message>
            <source>No listing has this status right now.</source>
            <translation>目前没有处于这个状态的宝贝。</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>shopwatch</source>
            <translation>shopwatch</translation>
        </message>
        <message>
            <source>Overview</source>
            <translation>总览</translation>
        </message>
        <message>
            <source>Listings</source>
            <translation>宝贝</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>提醒</translation>
        </message>
        <message>
            <source>Notices &amp; points</source>
            <translation>处罚与扣分</translation>
        </message>
        <message>
            <source>Appeals</source>
            <translation>申诉</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>Shop monitor</source>
            <translation>店铺监控助手</translation>
        </message>
        <message>
            <source>SHOP</source>
            <translation>店铺</translation>
        </message>
        <message>
            <source>Show</source>
            <translation>查看</translation>
        </message>
    </context>
    <context>
        <name>NoticesModel</name>
        <message>
            <source>Issued</source>
            <extracomment>an open notice whose deadline is this close is painted red</extracomment>
            <translation>处罚时间</translation>
        </message>
        <message>
            <source>Violation</source>
            <translation>违规类型</translation>
        </message>
        <message>
            <source>Points</source>
            <translation>扣分</translation>
        </message>
        <message>
            <source>Ledger</source>
            <translation>积分类别</translation>
        </message>
        <message>
            <source>Listing</source>
            <translation>宝贝</translation>
        </message>
        <message>
            <source>Appeal by</source>
            <translation>申诉截止</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Deadline passed</source>
            <translation>已过申诉期</translation>
        </message>
    </context>
    <context>
        <name>NoticesPage</name>
        <message>
            <source>Notices &amp; points</source>
            <translation>处罚与扣分</translation>
        </message>
        <message>
            <source>Paste notice…</source>
            <translation>粘贴处罚通知…</translation>
        </message>
        <message>
            <source>Add a penalty notice that arrived by platform message or e-mail: paste its text, check what was read, store it.</source>
            <translation>添加通过站内信或邮件收到的处罚通知：粘贴原文，核对识别结果后保存。</translation>
        </message>
        <message>
            <source>Draft appeal</source>
            <translation>起草申诉</translation>
        </message>
        <message>
            <source>Open listing</source>
            <translation>查看宝贝</translation>
        </message>
        <message>
            <source>Set status…</source>
            <translation>设置状态…</translation>
        </message>
        <message>
            <source>Correct or remove…</source>
            <translation>更正或删除…</translation>
        </message>
        <message>
            <source>Fix what was read from the notice (kind, points, listings, deadline), or remove a notice stored by mistake; its alerts are withdrawn.</source>
            <translation>更正从通知中读出的内容（类型、扣分、宝贝、申诉期限），或删除误存的通知；它引发的提醒会一并撤回。</translation>
        </message>
        <message>
            <source>Notice not changed</source>
            <translation>通知未更改</translation>
        </message>
        <message numerus="yes">
            <source>%Ln notice(s)</source>
            <translation>
                <numerusform>%Ln 条处罚通知</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n open</source>
            <translation>
                <numerusform>%n 条待处理</numerusform>
            </translation>
        </message>
        <message>
            <source>points</source>
            <translation>分</translation>
        </message>
        <message>
            <source>Every threshold reached.</source>
            <translation>已达到所有处罚节点。</translation>
        </message>
        <message>
            <source>of %1 points</source>
            <translation>分（下一节点 %1 分）</translation>
        </message>
        <message>
            <source>At %1: %2</source>
            <translation>达到 %1 分：%2</translation>
        </message>
        <message>
            <source>a node penalty</source>
            <translation>节点处罚</translation>
        </message>
        <message>
            <source>Points reset on %1.</source>
            <translation>积分将于 %1 清零。</translation>
        </message>
        <message>
            <source>−%1 points, %2</source>
            <translation>扣 %1 分，%2</translation>
        </message>
        <message>
            <source>No points</source>
            <translation>不扣分</translation>
        </message>
        <message>
            <source>issued %1</source>
            <translation>处罚于 %1</translation>
        </message>
        <message>
            <source>Appeal by %1</source>
            <translation>请在 %1 前申诉</translation>
        </message>
        <message>
            <source>the deadline has passed</source>
            <translation>已过申诉截止时间</translation>
        </message>
        <message>
            <source>The appeal editor is not part of this version yet.</source>
            <translation>此版本尚未包含申诉编辑器。</translation>
        </message>
    </context>
    <context>
        <name>NotifySettingsPage</name>
        <message>
            <source>Deleted by the platform</source>
            <translation>被平台删除</translation>
        </message>
        <message>
            <source>Delisted for a violation</source>
            <translation>违规下架</translation>
        </message>
        <message>
            <source>Taken off the shelf</source>
            <translation>下架到仓库</translation>
        </message>
        <message>
            <source>Search demotion</source>
            <translation>搜索降权</translation>
        </message>
        <message>
            <source>New penalty</source>
            <translation>新处罚</translation>
        </message>
        <message>
            <source>Penalty points near or at a threshold</source>
            <translation>扣分接近或达到节点</translation>
        </message>
        <message>
            <source>Appeal deadline coming up</source>
            <translation>申诉即将截止</translation>
        </message>
        <message>
            <source>Title or price changed</source>
            <translation>标题或价格被修改</translation>
        </message>
        <message>
            <source>Many listings gone at once</source>
            <translation>大批宝贝同时消失</translation>
        </message>
        <message>
            <source>Syncing keeps failing</source>
            <translation>同步持续失败</translation>
        </message>
        <message>
            <source>Urgent</source>
            <translation>紧急</translation>
        </message>
        <message>
            <source>Warning</source>
            <translation>警告</translation>
        </message>
        <message>
            <source>Information</source>
            <translation>提示</translation>
        </message>
        <message>
            <source>Urgent at once, the rest in the daily digest</source>
            <translation>紧急提醒立即发送，其余放入每日摘要</translation>
        </message>
        <message>
            <source>Only urgent alerts, at once</source>
            <translation>只发送紧急提醒，立即发送</translation>
        </message>
        <message>
            <source>Everything in the daily digest</source>
            <translation>全部放入每日摘要</translation>
        </message>
        <message>
            <source>Urgent now + digest</source>
            <translation>紧急立即发 + 摘要</translation>
        </message>
        <message>
            <source>Urgent only</source>
            <translation>只发紧急</translation>
        </message>
        <message>
            <source>Digest only</source>
            <translation>只发摘要</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>等待中</translation>
        </message>
        <message>
            <source>Sending</source>
            <translation>发送中</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>已发送</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>失败</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <source>The test could not be sent: {0}</source>
            <translation>测试消息无法发送：{0}</translation>
        </message>
        <message>
            <source>“{0}”: test message sent.</source>
            <translation>“{0}”：测试消息已发送。</translation>
        </message>
        <message>
            <source>“{0}”: failed: {1}</source>
            <translation>“{0}”：发送失败：{1}</translation>
        </message>
        <message>
            <source>No channel to test.</source>
            <translation>没有可测试的渠道。</translation>
        </message>
        <message>
            <source>Get alerts on your phone or by e-mail when you are away from the computer: deletions, violation delistings, new penalties and deadlines at once, everything else in one daily digest. Messages are sent while shopwatch runs.</source>
            <translation>不在电脑前时，也能在手机或邮箱收到提醒：宝贝被删除、违规下架、新处罚和申诉截止会立即发送，其余的合并成每日摘要。消息在 shopwatch 运行时发送。</translation>
        </message>
        <message>
            <source>Send alerts to the channels below</source>
            <translation>把提醒发送到下面的渠道</translation>
        </message>
        <message>
            <source>Channels</source>
            <translation>通知渠道</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Sends</source>
            <translation>发送内容</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Add…</source>
            <translation>添加…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>编辑…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Send test message</source>
            <translation>发送测试消息</translation>
        </message>
        <message>
            <source>Off</source>
            <translation>已关闭</translation>
        </message>
        <message>
            <source>Address missing: add it again</source>
            <translation>地址丢失：请重新添加</translation>
        </message>
        <message>
            <source>Nothing sent yet</source>
            <translation>尚未发送过</translation>
        </message>
        <message>
            <source>problem</source>
            <translation>问题</translation>
        </message>
        <message>
            <source>Channel not saved</source>
            <translation>渠道未保存</translation>
        </message>
        <message>
            <source>No keychain</source>
            <translation>没有钥匙串</translation>
        </message>
        <message>
            <source>This computer has no system keychain, so the address was not saved. Set the environment variable {0} to it before starting shopwatch.</source>
            <translation>这台电脑上没有系统钥匙串，因此地址没有保存。请在启动 shopwatch 前把环境变量 {0} 设置为该地址。</translation>
        </message>
        <message>
            <source>Remove channel</source>
            <translation>移除渠道</translation>
        </message>
        <message>
            <source>Remove “{0}”? Its address is deleted from the keychain.</source>
            <translation>移除“{0}”？它的地址将从钥匙串中删除。</translation>
        </message>
        <message>
            <source>Sending a test message…</source>
            <translation>正在发送测试消息…</translation>
        </message>
        <message>
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>hold messages from</source>
            <translation>暂缓发送：从</translation>
        </message>
        <message>
            <source>to</source>
            <translation>到</translation>
        </message>
        <message>
            <source>Quiet hours</source>
            <translation>免打扰时段</translation>
        </message>
        <message>
            <source>also on days without alerts</source>
            <translation>没有提醒的日子也发送</translation>
        </message>
        <message>
            <source>Daily digest at</source>
            <translation>每日摘要发送时间</translation>
        </message>
        <message>
            <source>Same as the app</source>
            <translation>与软件相同</translation>
        </message>
        <message>
            <source>Message language</source>
            <translation>消息语言</translation>
        </message>
        <message>
            <source>This computer's time zone</source>
            <translation>本机时区</translation>
        </message>
        <message>
            <source>Time zone</source>
            <translation>时区</translation>
        </message>
        <message>
            <source>Muted</source>
            <translation>已静音</translation>
        </message>
        <message>
            <source>Muted alerts still show in shopwatch; they are just not sent to your channels.</source>
            <translation>静音的提醒仍会在 shopwatch 中显示，只是不会发送到你的渠道。</translation>
        </message>
        <message>
            <source>Kinds of alert not to send:</source>
            <translation>不发送的提醒类型：</translation>
        </message>
        <message>
            <source>Listings not to send alerts about:</source>
            <translation>不发送提醒的宝贝：</translation>
        </message>
        <message>
            <source>Mute a listing…</source>
            <translation>静音宝贝…</translation>
        </message>
        <message>
            <source>Unmute</source>
            <translation>取消静音</translation>
        </message>
        <message>
            <source>Mute a listing</source>
            <translation>静音宝贝</translation>
        </message>
        <message>
            <source>Listing ID:</source>
            <translation>宝贝 ID：</translation>
        </message>
        <message>
            <source>Shop:</source>
            <translation>店铺：</translation>
        </message>
        <message>
            <source>Recent messages</source>
            <translation>最近的消息</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>创建时间</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>消息</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>问题</translation>
        </message>
        <message>
            <source>Send waiting messages now</source>
            <translation>立即发送等待中的消息</translation>
        </message>
        <message>
            <source>Retry failed messages</source>
            <translation>重试发送失败的消息</translation>
        </message>
        <message>
            <source>Waiting to be sent or retried: {0}</source>
            <translation>等待发送或重试：{0}</translation>
        </message>
        <message>
            <source>Alerts for the next digest: {0}</source>
            <translation>下一份摘要中的提醒：{0}</translation>
        </message>
        <message>
            <source>Could not be delivered: {0}</source>
            <translation>无法送达：{0}</translation>
        </message>
        <message>
            <source>Sending…</source>
            <translation>正在发送…</translation>
        </message>
        <message>
            <source>Sending failed: {0}</source>
            <translation>发送失败：{0}</translation>
        </message>
        <message>
            <source>Next digest: {0}</source>
            <translation>下一份摘要：{0}</translation>
        </message>
        <message>
            <source>Phone &amp; e-mail</source>
            <translation>手机与邮件</translation>
        </message>
    </context>
    <context>
        <name>OverviewPage</name>
        <message>
            <source>No shop to watch yet</source>
            <translation>还没有要监控的店铺</translation>
        </message>
        <message>
            <source>Try the demo shop to see how shopwatch reports deletions, violation delistings, demotions and penalties, or connect your own Taobao shop.</source>
            <translation>试用演示店铺，看看 shopwatch 如何提醒宝贝被删除、违规下架、降权和处罚；也可以直接连接你自己的淘宝店铺。</translation>
        </message>
        <message>
            <source>Try the demo shop</source>
            <translation>试用演示店铺</translation>
        </message>
        <message>
            <source>Connect my Taobao shop</source>
            <translation>连接我的淘宝店铺</translation>
        </message>
        <message>
            <source>Import an export file</source>
            <translation>从导出文件开始</translation>
        </message>
        <message>
            <source>Overview</source>
            <translation>总览</translation>
        </message>
        <message>
            <source>On sale</source>
            <translation>出售中</translation>
        </message>
        <message>
            <source>Off shelf</source>
            <translation>已下架</translation>
        </message>
        <message>
            <source>Violation delisted</source>
            <translation>违规下架</translation>
        </message>
        <message>
            <source>Deleted</source>
            <translation>已删除</translation>
        </message>
        <message>
            <source>Demoted</source>
            <translation>降权</translation>
        </message>
        <message>
            <source>Penalty points</source>
            <translation>违规扣分</translation>
        </message>
        <message>
            <source>Appeal deadlines</source>
            <translation>申诉截止</translation>
        </message>
        <message>
            <source>Open notices and points</source>
            <translation>查看处罚与扣分</translation>
        </message>
        <message>
            <source>Last two weeks</source>
            <translation>近两周</translation>
        </message>
        <message>
            <source>Newest alerts</source>
            <translation>最新提醒</translation>
        </message>
        <message>
            <source>See all alerts</source>
            <translation>查看全部提醒</translation>
        </message>
        <message numerus="yes">
            <source>%Ln listing(s) tracked</source>
            <translation>
                <numerusform>监控中 %Ln 件宝贝</numerusform>
            </translation>
        </message>
        <message>
            <source>last sync %1</source>
            <translation>上次同步 %1</translation>
        </message>
        <message>
            <source>%1 since the previous day</source>
            <translation>较前一天 %1</translation>
        </message>
        <message>
            <source>In warehouse or sold out</source>
            <translation>仓库中或已售罄</translation>
        </message>
        <message>
            <source>Taken down by the platform</source>
            <translation>被平台下架</translation>
        </message>
        <message>
            <source>Removed from the shop</source>
            <translation>已从店铺移除</translation>
        </message>
        <message>
            <source>Search traffic collapsed</source>
            <translation>搜索流量骤降</translation>
        </message>
        <message>
            <source>%1 points</source>
            <translation>%1 分</translation>
        </message>
        <message>
            <source>Every threshold reached.</source>
            <translation>已达到所有处罚节点。</translation>
        </message>
        <message>
            <source>%1 of %2 points</source>
            <translation>%1 / %2 分</translation>
        </message>
        <message numerus="yes">
            <source>%n more point(s) reach %1: </source>
            <translation>
                <numerusform>再扣 %n 分将达到 %1 分节点：</numerusform>
            </translation>
        </message>
        <message>
            <source>No open appeal deadlines.</source>
            <translation>没有待处理的申诉截止。</translation>
        </message>
        <message>
            <source>Nothing needs your attention.</source>
            <translation>目前没有需要处理的事项。</translation>
        </message>
        <message>
            <source>Active listings</source>
            <translation>在售宝贝</translation>
        </message>
        <message>
            <source>Important alerts</source>
            <translation>重要提醒</translation>
        </message>
        <message>
            <source>The chart fills in as the shop syncs day by day.</source>
            <translation>随着店铺每天同步，图表会逐渐完整。</translation>
        </message>
        <message>
            <source>Overdue %1</source>
            <translation>已逾期 %1</translation>
        </message>
        <message>
            <source>Your shop is OK: nothing needs you now.</source>
            <translation>店铺一切正常：目前没有需要处理的事。</translation>
        </message>
        <message>
            <source>Your shop needs attention.</source>
            <translation>店铺有需要关注的事项。</translation>
        </message>
        <message>
            <source>Your shop is at risk: act today.</source>
            <translation>店铺有风险：请今天处理。</translation>
        </message>
        <message numerus="yes">
            <source>Appeal %n notice(s) due within 24 hours.</source>
            <translation>
                <numerusform>有 %n 条处罚的申诉将在 24 小时内截止，请尽快申诉。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n appeal(s) can still be made.</source>
            <translation>
                <numerusform>还有 %n 条处罚可以申诉。</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: %2-point node penalty in force.</source>
            <translation>%1：已触发 %2 分节点处罚。</translation>
        </message>
        <message numerus="yes">
            <source>%n appeal deadline(s) passed without an appeal.</source>
            <translation>
                <numerusform>%n 条处罚已过申诉截止时间，未提交申诉。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Check %n listing(s) taken down, deleted or demoted.</source>
            <translation>
                <numerusform>请检查 %n 件被下架、删除或降权的宝贝。</numerusform>
            </translation>
        </message>
        <message>
            <source>Evidence record: not checked yet; the first check runs a minute after start-up.</source>
            <translation>证据记录：尚未核验；启动一分钟后进行首次核验。</translation>
        </message>
        <message>
            <source>Evidence record intact: %1 syncs chained, checked %2.</source>
            <translation>证据记录完整：%1 次同步环环相扣，核验于%2。</translation>
        </message>
        <message>
            <source>Evidence record broken at sync %1 (checked %2): it was changed after it was recorded. Run 'shopwatch verify' for the details; your backups hold earlier copies.</source>
            <translation>证据记录在第 %1 次同步处断开（核验于%2）：记录后被改动过。请运行“shopwatch verify”查看详情；备份中保存着更早的副本。</translation>
        </message>
        <message>
            <source>Amazon account health: not read yet (it comes with the first complete sync).</source>
            <translation>亚马逊账户状况：尚未读取（首次完整同步后显示）。</translation>
        </message>
        <message>
            <source>Normal</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>At risk: act on the policy notices before Amazon deactivates the account</source>
            <translation>有风险：请在亚马逊停用账户前处理政策通知</translation>
        </message>
        <message>
            <source>Deactivated: submit a Plan of Action to appeal</source>
            <translation>已停用：请提交行动计划（POA）申诉</translation>
        </message>
        <message>
            <source>Amazon account health: %1 (report of %2)</source>
            <translation>亚马逊账户状况：%1（报告时间 %2）</translation>
        </message>
    </context>
    <context>
        <name>NoticeEditDialog</name>
        <message>
            <source>Correct notice #%1</source>
            <translation>更正处罚通知 #%1</translation>
        </message>
        <message>
            <source>Correct what was read from the notice, or remove it if it was pasted by mistake. The alerts it raised and any notifications still waiting to be sent are withdrawn; alerts are raised again from the corrected facts.</source>
            <translation>更正从通知中识别出的内容；如果是误粘贴，可以移除。它引发的提醒和尚未发出的通知会被撤回，并按更正后的内容重新生成提醒。</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Points</source>
            <translation>扣分</translation>
        </message>
        <message>
            <source>Ledger</source>
            <translation>积分类别</translation>
        </message>
        <message>
            <source>Listing IDs, separated by commas</source>
            <translation>宝贝 ID，用逗号分隔</translation>
        </message>
        <message>
            <source>Listings</source>
            <translation>宝贝</translation>
        </message>
        <message>
            <source>has a deadline</source>
            <translation>有申诉截止时间</translation>
        </message>
        <message>
            <source>Appeal by (UTC+8)</source>
            <translation>申诉截止（北京时间）</translation>
        </message>
        <message>
            <source>Remove this notice and withdraw its alerts?</source>
            <translation>移除这条处罚通知并撤回它引发的提醒？</translation>
        </message>
        <message numerus="yes">
            <source>Remove this notice and withdraw its alerts? Its %n appeal(s) will be deleted too.</source>
            <translation>
                <numerusform>移除这条处罚通知并撤回它引发的提醒？它的 %n 份申诉也会一并删除。</numerusform>
            </translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Keep it</source>
            <translation>保留</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Remove notice…</source>
            <translation>移除通知…</translation>
        </message>
        <message>
            <source>A listing ID is at most 64 characters.</source>
            <translation>宝贝 ID 最多 64 个字符。</translation>
        </message>
    </context>
    <context>
        <name>PasteNoticeDialog</name>
        <message>
            <source>Add a notice to “%1”</source>
            <translation>为“%1”添加处罚通知</translation>
        </message>
        <message>
            <source>Paste the penalty notice as it arrived (platform message or e-mail, Chinese or English). Check what was read, correct it if needed, then store it.</source>
            <translation>按原样粘贴收到的处罚通知（平台消息或邮件，中英文均可）。检查识别结果，必要时修正，然后保存。</translation>
        </message>
        <message>
            <source>stated in the notice</source>
            <translation>通知中注明</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Points</source>
            <translation>扣分</translation>
        </message>
        <message>
            <source>Ledger</source>
            <translation>积分类别</translation>
        </message>
        <message>
            <source>Listing ID</source>
            <translation>宝贝 ID</translation>
        </message>
        <message>
            <source>Issued</source>
            <translation>处罚时间</translation>
        </message>
        <message>
            <source>Appeal by</source>
            <translation>申诉截止</translation>
        </message>
        <message>
            <source>Store notice</source>
            <translation>保存通知</translation>
        </message>
        <message>
            <source>not in the text</source>
            <translation>文中未提及</translation>
        </message>
        <message>
            <source>not in the text: the rule's default window</source>
            <translation>文中未提及：按规则默认申诉期</translation>
        </message>
        <message>
            <source>not found</source>
            <translation>未找到</translation>
        </message>
        <message>
            <source>not recognised: kept as “other”</source>
            <translation>未识别：归为“其他”</translation>
        </message>
        <message>
            <source>This notice is being stored already.</source>
            <translation>这条通知正在保存中。</translation>
        </message>
        <message>
            <source>Nothing here looks like a penalty notice. Store it anyway (as “other”, without an appeal deadline)</source>
            <translation>这段文字看起来不像处罚通知。仍然保存（归为“其他”，不设申诉截止时间）</translation>
        </message>
        <message>
            <source>not in the text: none is set</source>
            <translation>通知中未注明：不设截止时间</translation>
        </message>
        <message>
            <source>not in the text: the kind's ledger</source>
            <translation>通知中未注明：按该类型的积分类别</translation>
        </message>
    </context>
    <context>
        <name>RuleText</name>
        <message>
            <source>Shop shielding and listing restrictions for 7 days (节点处罚)</source>
            <translation>店铺屏蔽、限制发布商品 7 天（节点处罚）</translation>
        </message>
        <message>
            <source>Shop shielding and restrictions for 14 days; may lose campaign eligibility</source>
            <translation>店铺屏蔽及限制 14 天；可能失去活动报名资格</translation>
        </message>
        <message>
            <source>Shop shielding and restrictions for 21 days</source>
            <translation>店铺屏蔽及限制 21 天</translation>
        </message>
        <message>
            <source>Shop may be closed or the seller's account restricted</source>
            <translation>可能被关闭店铺或限制卖家账户</translation>
        </message>
    </context>
    <context>
        <name>RulesPanel</name>
        <message>
            <source>Show or hide the rule data</source>
            <translation>显示或隐藏规则数据</translation>
        </message>
        <message>
            <source>Platform rules</source>
            <translation>平台规则</translation>
        </message>
        <message>
            <source>Check on the rule centre</source>
            <translation>到规则中心核对</translation>
        </message>
        <message>
            <source>Edit rules…</source>
            <translation>编辑规则…</translation>
        </message>
        <message>
            <source>Make your own copy of the rule file in the profile folder (if there is none yet) and open it. Items you change there are marked “edited by you”.</source>
            <translation>在配置文件夹中生成你自己的规则文件副本（如果还没有）并打开它。你在副本中修改的条目会标为“已被你修改”。</translation>
        </message>
        <message>
            <source>Points and their consequences</source>
            <translation>扣分节点与处罚</translation>
        </message>
        <message>
            <source>Default appeal windows</source>
            <translation>默认申诉期限</translation>
        </message>
        <message numerus="yes">
            <source>%n unverified</source>
            <translation>
                <numerusform>%n 项未核实</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n edited by you</source>
            <translation>
                <numerusform>%n 项已被你修改</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n item(s)</source>
            <translation>
                <numerusform>共 %n 项</numerusform>
            </translation>
        </message>
        <message>
            <source>data of %1</source>
            <translation>数据版本 %1</translation>
        </message>
        <message>
            <source>Your copy: %1.</source>
            <translation>你的副本：%1。</translation>
        </message>
        <message>
            <source>These are defaults from public descriptions of the platform rules and can change: check each one on the rule centre. A deadline stated in a notice always wins over the default window. Your edits apply at the next sync.</source>
            <translation>这些是根据平台规则公开说明整理的默认值，平台可能会调整：请逐项到规则中心核对。处罚通知中写明的申诉截止时间始终优先于默认期限。你的修改在下次同步时生效。</translation>
        </message>
        <message>
            <source>%1 points</source>
            <translation>%1 分</translation>
        </message>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n 天</numerusform>
            </translation>
        </message>
        <message>
            <source>Could not make your copy of the rule file: %1</source>
            <translation>无法生成规则文件副本：%1</translation>
        </message>
        <message>
            <source>Made your copy of the rule file: %1.</source>
            <translation>已生成你的规则文件副本：%1。</translation>
        </message>
        <message>
            <source>Opened your copy of the rule file: %1.</source>
            <translation>已打开你的规则文件副本：%1。</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>Changes are saved as you make them.</source>
            <translation>修改会立即保存。</translation>
        </message>
        <message>
            <source>Shops</source>
            <translation>店铺</translation>
        </message>
        <message>
            <source>Syncing</source>
            <translation>同步</translation>
        </message>
        <message>
            <source>Detection</source>
            <translation>检测</translation>
        </message>
        <message>
            <source>Notifications</source>
            <translation>通知</translation>
        </message>
        <message>
            <source>General</source>
            <translation>通用</translation>
        </message>
        <message>
            <source>The shops shopwatch watches. Secrets are kept in the system keychain, never in shopwatch's files.</source>
            <translation>shopwatch 监控的店铺。密钥保存在系统钥匙串中，绝不会写入 shopwatch 的文件。</translation>
        </message>
        <message>
            <source>Connect a Taobao shop</source>
            <translation>连接淘宝店铺</translation>
        </message>
        <message>
            <source>Add a shop from export files</source>
            <translation>用导出文件添加店铺</translation>
        </message>
        <message>
            <source>For a shop without an Open Platform API key: import the seller centre's export files.</source>
            <translation>适用于没有开放平台 API 密钥的店铺：导入卖家中心的导出文件。</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>编辑</translation>
        </message>
        <message>
            <source>Import file…</source>
            <translation>导入文件…</translation>
        </message>
        <message>
            <source>Import a listings export, traffic report or violation records into this shop.</source>
            <translation>把宝贝列表、商品流量报表或违规记录导入这个店铺。</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Add the demo shop</source>
            <translation>添加演示店铺</translation>
        </message>
        <message>
            <source>Demo shop (simulated, on this computer)</source>
            <translation>演示店铺（模拟数据，仅在本机运行）</translation>
        </message>
        <message>
            <source>Export files · watching %1</source>
            <translation>导出文件 · 监视 %1</translation>
        </message>
        <message>
            <source>Export files · imported by hand</source>
            <translation>导出文件 · 手动导入</translation>
        </message>
        <message>
            <source>last sync %1</source>
            <translation>上次同步 %1</translation>
        </message>
        <message>
            <source>never synced</source>
            <translation>从未同步</translation>
        </message>
        <message>
            <source>Remove shop</source>
            <translation>移除店铺</translation>
        </message>
        <message>
            <source>Remove “%1” and all its history (listings, alerts, notices)? This cannot be undone.</source>
            <translation>移除“%1”及其全部历史（宝贝、提醒、处罚通知）？此操作无法撤销。</translation>
        </message>
        <message>
            <source> min</source>
            <translation> 分钟</translation>
        </message>
        <message>
            <source>Sync every</source>
            <translation>同步间隔</translation>
        </message>
        <message>
            <source>While shopwatch runs (also hidden in the tray) it syncs each shop at this interval. After the computer sleeps or shopwatch was closed, it catches up with one sync right away. A failed sync is retried sooner, backing off up to this interval.</source>
            <translation>shopwatch 运行时（包括隐藏在托盘中时）会按这个间隔同步每个店铺。电脑休眠后或 shopwatch 关闭过，它会立即补做一次同步。同步失败会更快重试，重试间隔逐步拉长，最长不超过这个间隔。</translation>
        </message>
        <message>
            <source>Show a desktop notification for new important alerts</source>
            <translation>有新的重要提醒时显示桌面通知</translation>
        </message>
        <message>
            <source>Deletions, violation delistings, suspected demotions, new penalties, point thresholds and appeal deadlines are important; platform edits and listings you moved yourself are not. When many arrive at once they are grouped into one notification. Without a system tray they are shown inside the window.</source>
            <translation>宝贝被删除、违规下架、疑似降权、新处罚、扣分节点和申诉截止属于重要提醒；平台修改和你自己下架的宝贝不算。同时出现很多条时会合并成一条通知。没有系统托盘时，通知显示在窗口内。</translation>
        </message>
        <message>
            <source>System default (%1)</source>
            <translation>跟随系统（%1）</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>Keep running in the tray when the window is closed</source>
            <translation>关闭窗口后继续在托盘中运行</translation>
        </message>
        <message>
            <source>Start shopwatch when I log in</source>
            <translation>登录系统时启动 shopwatch</translation>
        </message>
        <message>
            <source>Profile folder: %1</source>
            <translation>数据文件夹：%1</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>打开文件夹</translation>
        </message>
        <message>
            <source>Could not change the start-up setting: %1</source>
            <translation>无法更改开机启动设置：%1</translation>
        </message>
        <message>
            <source>Connect an Amazon account</source>
            <translation>连接亚马逊账户</translation>
        </message>
    </context>
    <context>
        <name>ShopEditor</name>
        <message>
            <source>Edit shop</source>
            <translation>编辑店铺</translation>
        </message>
        <message>
            <source>Connect a Taobao shop</source>
            <translation>连接淘宝店铺</translation>
        </message>
        <message>
            <source>Enter the details of your app on the Taobao Open Platform (开放平台) and the session key you got when you authorised it for your shop.</source>
            <translation>填写你在淘宝开放平台创建的应用信息，以及为店铺授权时获得的会话密钥（SessionKey）。</translation>
        </message>
        <message>
            <source>e.g. My Taobao shop</source>
            <translation>例如：我的淘宝店</translation>
        </message>
        <message>
            <source>Shop name</source>
            <translation>店铺名称</translation>
        </message>
        <message>
            <source>Gateway</source>
            <translation>接口地址</translation>
        </message>
        <message>
            <source>App key</source>
            <translation>App Key</translation>
        </message>
        <message>
            <source>Signing</source>
            <translation>签名方式</translation>
        </message>
        <message>
            <source>Leave empty to keep the stored one</source>
            <translation>留空则保留已保存的值</translation>
        </message>
        <message>
            <source>App secret</source>
            <translation>App Secret</translation>
        </message>
        <message>
            <source>Session key</source>
            <translation>会话密钥</translation>
        </message>
        <message>
            <source>The app secret and session key are stored in the system keychain.</source>
            <translation>App Secret 和会话密钥保存在系统钥匙串中。</translation>
        </message>
        <message>
            <source>No system keychain was found on this computer, so secrets cannot be saved. Set the environment variables %1 and %2 before starting shopwatch.</source>
            <translation>这台电脑上没有可用的系统钥匙串，因此无法保存密钥。请在启动 shopwatch 前设置环境变量 %1 和 %2。</translation>
        </message>
        <message>
            <source>Test connection</source>
            <translation>测试连接</translation>
        </message>
        <message>
            <source>Fill in the gateway, app key, app secret and session key first.</source>
            <translation>请先填写接口地址、App Key、App Secret 和会话密钥。</translation>
        </message>
        <message>
            <source>Connecting…</source>
            <translation>正在连接…</translation>
        </message>
        <message>
            <source>Connected. The shop has %1 listings on sale.</source>
            <translation>连接成功。店铺有 %1 件宝贝在售。</translation>
        </message>
        <message>
            <source>Give the shop a name.</source>
            <translation>请填写店铺名称。</translation>
        </message>
        <message>
            <source>The gateway must be an http:// or https:// address.</source>
            <translation>接口地址必须以 http:// 或 https:// 开头。</translation>
        </message>
        <message>
            <source>The app key is required.</source>
            <translation>请填写 App Key。</translation>
        </message>
        <message>
            <source>Another shop is already called “%1”.</source>
            <translation>已经有店铺叫“%1”了。</translation>
        </message>
        <message>
            <source>The shop was saved, but its secrets were not: %1</source>
            <translation>店铺已保存，但密钥没有保存：%1</translation>
        </message>
    </context>
    <context>
        <name>SyncBar</name>
        <message>
            <source>Sync now</source>
            <translation>立即同步</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Stop this sync; nothing from it is saved</source>
            <translation>停止本次同步；本次结果不会保存</translation>
        </message>
    </context>
    <context>
        <name>Tray</name>
        <message numerus="yes">
            <source>%n listing(s) deleted by the platform</source>
            <translation>
                <numerusform>%n 件宝贝被平台删除</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n listing(s) delisted for violations</source>
            <translation>
                <numerusform>%n 件宝贝被违规下架</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Search demotion suspected on %n listing(s)</source>
            <translation>
                <numerusform>%n 件宝贝疑似搜索降权</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new penalty notice(s)</source>
            <translation>
                <numerusform>%n 条新处罚通知</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n appeal deadline(s) coming up</source>
            <translation>
                <numerusform>%n 个申诉即将截止</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n penalty point warning(s)</source>
            <translation>
                <numerusform>%n 条扣分预警</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n listing(s) moved to the warehouse</source>
            <translation>
                <numerusform>%n 件宝贝下架到仓库</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n mass disappearance(s)</source>
            <translation>
                <numerusform>%n 次大批宝贝消失</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n shop(s) not syncing</source>
            <translation>
                <numerusform>%n 个店铺无法同步</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new alert(s)</source>
            <translation>
                <numerusform>%n 条新提醒</numerusform>
            </translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message numerus="yes">
            <source> and %n more</source>
            <translation>
                <numerusform>等另外 %n 项</numerusform>
            </translation>
        </message>
        <message>
            <source>Open shopwatch</source>
            <translation>打开 shopwatch</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>立即同步</translation>
        </message>
        <message>
            <source>Pause syncing</source>
            <translation>暂停同步</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message numerus="yes">
            <source>shopwatch: %n unread alert(s)</source>
            <translation>
                <numerusform>shopwatch：%n 条未读提醒</numerusform>
            </translation>
        </message>
        <message>
            <source>shopwatch: no unread alerts</source>
            <translation>shopwatch：没有未读提醒</translation>
        </message>
        <message numerus="yes">
            <source>%n new important alert(s)</source>
            <translation>
                <numerusform>%n 条新的重要提醒</numerusform>
            </translation>
        </message>
        <message>
            <source>; </source>
            <translation>；</translation>
        </message>
    </context>
    <context>
        <name>WelcomeDialog</name>
        <message>
            <source>Welcome to shopwatch</source>
            <translation>欢迎使用 shopwatch</translation>
        </message>
        <message>
            <source>shopwatch watches your shop and tells you at once when the platform deletes or delists a listing, when search traffic collapses, when penalty points come in and before an appeal deadline passes.</source>
            <translation>shopwatch 帮你盯着店铺：平台删除或下架宝贝、搜索流量骤降、收到扣分处罚，以及申诉即将截止时，都会第一时间告诉你。</translation>
        </message>
        <message>
            <source>Try the demo shop</source>
            <translation>试用演示店铺</translation>
        </message>
        <message>
            <source>A simulated shop on this computer, with a week of history: deletions, violation delistings, demotions and penalties, as they would appear for your shop. Nothing is sent anywhere.</source>
            <translation>在这台电脑上运行的模拟店铺，带一周的历史：宝贝被删除、违规下架、降权和处罚，就像你的店铺会遇到的那样。不会向外发送任何数据。</translation>
        </message>
        <message>
            <source>Connect my Taobao shop</source>
            <translation>连接我的淘宝店铺</translation>
        </message>
        <message>
            <source>Use your Taobao Open Platform app key and session key. They are stored in the system keychain; shopwatch only reads your listings and notices.</source>
            <translation>使用你在淘宝开放平台的 App Key 和会话密钥。它们保存在系统钥匙串中；shopwatch 只读取你的宝贝和处罚通知。</translation>
        </message>
        <message>
            <source>I have no API key: import an export file</source>
            <translation>没有 API 密钥？改用卖家中心导出的文件</translation>
        </message>
        <message>
            <source>Export your listings from the seller centre (CSV or Excel) and import them; shopwatch compares each new export with the last one.</source>
            <translation>从卖家中心导出宝贝列表（CSV 或 Excel）并导入；shopwatch 会把每次新导出的文件和上一次对比。</translation>
        </message>
        <message>
            <source>Later</source>
            <translation>稍后</translation>
        </message>
        <message>
            <source>Connect my Amazon account</source>
            <translation>连接我的亚马逊账户</translation>
        </message>
        <message>
            <source>Use your Selling Partner API app: listings, their issues and your account health are read; suppressions, removals and policy warnings become alerts.</source>
            <translation>使用您的 Selling Partner API 应用：读取商品、商品问题和账户状况；商品被屏蔽、被移除和政策警告都会生成提醒。</translation>
        </message>
        <message>
            <source>Or try the demo Amazon seller account</source>
            <translation>或者试试亚马逊演示卖家账户</translation>
        </message>
        <message>
            <source>A simulated Amazon account served on this computer through the real Selling Partner API: suppressed listings, an IP complaint, account health at risk.</source>
            <translation>在本机通过真实的 Selling Partner API 提供的模拟亚马逊账户：商品被屏蔽、知识产权投诉、账户状况有风险。</translation>
        </message>
    </context>
    <context>
        <name>ListingPane</name>
        <message>
            <source>Details</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>Timeline</source>
            <translation>时间线</translation>
        </message>
    </context>
    <context>
        <name>ListingTimeline</name>
        <message>
            <source>Traffic days</source>
            <translation>每日流量</translation>
        </message>
        <message>
            <source>Show one line per day of traffic</source>
            <translation>每天的流量各占一行</translation>
        </message>
        <message>
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>What happened</source>
            <translation>发生了什么</translation>
        </message>
        <message>
            <source>Reading the listing's history…</source>
            <translation>正在读取宝贝的历史记录……</translation>
        </message>
        <message>
            <source>No history recorded yet.</source>
            <translation>还没有历史记录。</translation>
        </message>
        <message>
            <source>%1 versions · %2 status changes · %3 notices · %4 alerts · %5 source records kept</source>
            <translation>%1 个版本 · %2 次状态变化 · %3 条处罚通知 · %4 条提醒 · 保存了 %5 份平台原始记录</translation>
        </message>
        <message>
            <source>Seen as “%1”, %2, stock %3</source>
            <translation>当时为“%1”，%2，库存 %3</translation>
        </message>
        <message>
            <source>Status: %1 → %2</source>
            <translation>状态：%1 → %2</translation>
        </message>
        <message>
            <source>first seen</source>
            <translation>首次发现</translation>
        </message>
        <message>
            <source>(the platform said: “%1”)</source>
            <translation>（平台说明：“%1”）</translation>
        </message>
        <message>
            <source>The platform's record of the listing kept as evidence (SHA-256 %1…)</source>
            <translation>已保存平台上该宝贝的原始记录作为证据（SHA-256 %1…）</translation>
        </message>
        <message>
            <source>, −%1 points</source>
            <translation>，扣 %1 分</translation>
        </message>
        <message>
            <source>Notice: %1</source>
            <translation>处罚通知：%1</translation>
        </message>
        <message>
            <source>Traffic: %1 visits, %2 impressions</source>
            <translation>流量：访客 %1，曝光 %2</translation>
        </message>
    </context>
    <context>
        <name>AmazonShopEditor</name>
        <message>
            <source>Edit Amazon account</source>
            <translation>编辑亚马逊账户</translation>
        </message>
        <message>
            <source>Connect my Amazon account</source>
            <translation>连接我的亚马逊账户</translation>
        </message>
        <message>
            <source>shopwatch reads your listings, their issues and your account health through Amazon's Selling Partner API. Register a private app in Seller Central (Apps and Services → Develop Apps), authorise it for your account, and copy its Login with Amazon client id, client secret and refresh token here.</source>
            <translation>shopwatch 通过亚马逊 Selling Partner API（SP-API）读取您的商品、商品问题和账户状况。请在卖家平台（Seller Central）的“应用和服务 → 开发应用”中注册一个私有应用，授权给您的账户，然后把它的 Login with Amazon 客户端 ID、客户端密钥和刷新令牌复制到这里。</translation>
        </message>
        <message>
            <source>e.g. My Amazon US store</source>
            <translation>例如：我的亚马逊美国站</translation>
        </message>
        <message>
            <source>Shop name</source>
            <translation>店铺名称</translation>
        </message>
        <message>
            <source>North America</source>
            <translation>北美</translation>
        </message>
        <message>
            <source>Europe</source>
            <translation>欧洲</translation>
        </message>
        <message>
            <source>Far East</source>
            <translation>远东</translation>
        </message>
        <message>
            <source>Marketplace</source>
            <translation>站点</translation>
        </message>
        <message>
            <source>Merchant token, e.g. A1B2C3D4E5F6G7</source>
            <translation>商家记号（Merchant Token），例如 A1B2C3D4E5F6G7</translation>
        </message>
        <message>
            <source>Seller id</source>
            <translation>卖家 ID</translation>
        </message>
        <message>
            <source>LWA client id</source>
            <translation>LWA 客户端 ID</translation>
        </message>
        <message>
            <source>Leave empty to keep the stored one</source>
            <translation>留空则保留已保存的</translation>
        </message>
        <message>
            <source>LWA client secret</source>
            <translation>LWA 客户端密钥</translation>
        </message>
        <message>
            <source>Refresh token</source>
            <translation>刷新令牌</translation>
        </message>
        <message>
            <source>The client secret and refresh token are stored in the system keychain.</source>
            <translation>客户端密钥和刷新令牌保存在系统钥匙串中。</translation>
        </message>
        <message>
            <source>No system keychain was found on this computer, so secrets cannot be saved. Set the environment variables %1 and %2 before starting shopwatch.</source>
            <translation>这台电脑上没有找到系统钥匙串，无法保存密钥。请在启动 shopwatch 前设置环境变量 %1 和 %2。</translation>
        </message>
        <message>
            <source>Give the shop a name.</source>
            <translation>请给店铺起个名字。</translation>
        </message>
        <message>
            <source>The seller id is required (Seller Central → Settings → Account Info → Merchant Token).</source>
            <translation>需要填写卖家 ID（卖家平台 → 设置 → 账户信息 → 商家记号）。</translation>
        </message>
        <message>
            <source>The LWA client id is required.</source>
            <translation>需要填写 LWA 客户端 ID。</translation>
        </message>
        <message>
            <source>The client secret and the refresh token are both required.</source>
            <translation>客户端密钥和刷新令牌都必须填写。</translation>
        </message>
        <message>
            <source>Another shop is already called “%1”.</source>
            <translation>已有一个店铺叫“%1”。</translation>
        </message>
        <message>
            <source>The shop was saved, but its secrets were not: %1</source>
            <translation>店铺已保存，但密钥没有保存：%1</translation>
        </message>
    </context>
</TS>
