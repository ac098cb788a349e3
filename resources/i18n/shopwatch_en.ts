<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>AlertText</name>
        <message>
            <source>“%1” was deleted by the platform</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>“%1” disappeared from the shop; the platform has not said why</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>“%1” was delisted for a violation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>“%1” was moved to the warehouse</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>“%1” notice: appeal by %2 (%3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2 listings (%3) disappeared at once</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>The last %n sync(s) failed: the shop is not being watched</source>
            <translation>
                <numerusform>The last %n sync failed: the shop is not being watched</numerusform>
                <numerusform>The last %n syncs failed: the shop is not being watched</numerusform>
            </translation>
        </message>
        <message>
            <source>Search demotion suspected: “%1” keyword rank %2 → %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>visits</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>impressions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search demotion suspected: “%1” %2 −%3 vs the %4/day median</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>“%1” is suppressed in search, according to the platform</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New penalty: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New penalty: %1, −%2 points (%3 total %4, next threshold %5)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New penalty: %1, −%2 points (%3 total %4)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 points, threshold %3 reached</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 points, %3 more reach %4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1. %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>price %1 → %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>, </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>“%1”: %2 changed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Look for the penalty notice in the seller centre. If the deletion is wrong, appeal before the deadline with order numbers, tracking numbers and chat records.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the notice, fix the listing (title, images, description) or appeal with evidence. Do not relist an identical copy: that counts as repeat violation.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>If nobody in your team took it down, check who has access to the shop.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the listing for keyword stuffing, misleading prices or unusual orders; correct it and watch traffic for a few days before changing more.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Read the notice, collect evidence and decide whether to appeal. The deadline is usually a few days.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Avoid any new violation until the points reset. Appeal open notices where you can: each revoked notice gives its points back.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Draft and submit the appeal now; after the deadline the penalty stands.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>If nobody in your team changed it, compare with your records and correct it in the seller centre.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This looks like a platform campaign. Check your notices now and appeal each wrong deletion; keep evidence for every listing.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open Settings and test the shop's connection. An expired session must be authorised again.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AlertsModel</name>
        <message>
            <source>Severity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>When</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What happened</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Acknowledged</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AlertsPage</name>
        <message>
            <source>Alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Acknowledge all shown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All types</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All severities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show acknowledged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What to do next</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Acknowledge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open listing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Draft appeal</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%Ln unacknowledged</source>
            <translation>
                <numerusform>%Ln unacknowledged</numerusform>
                <numerusform>%Ln unacknowledged</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n important</source>
            <translation>
                <numerusform>%n important</numerusform>
                <numerusform>%n important</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n alert(s) selected</source>
            <translation>
                <numerusform>%n alert selected</numerusform>
                <numerusform>%n alerts selected</numerusform>
            </translation>
        </message>
        <message>
            <source>No alert selected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Raised %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listing %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Acknowledged %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Acknowledge %n alert(s)</source>
            <translation>
                <numerusform>Acknowledge %n alert</numerusform>
                <numerusform>Acknowledge %n alerts</numerusform>
            </translation>
        </message>
        <message>
            <source>The appeal editor is not part of this version yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no penalty notice to appeal for this alert.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Draft an appeal against the notice</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <source>shopwatch cannot start</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AppController</name>
        <message>
            <source>The work stopped unexpectedly</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing from it was saved. Please try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelling…</source>
            <extracomment>shops whose last attempt could not even start (no run is recorded for it)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preparing the demo shop…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Importing into %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Syncing %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Simulating day %1 of %2…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%Ln file(s) read, %1 rows</source>
            <translation>
                <numerusform>%Ln file read, %1 rows</numerusform>
                <numerusform>%Ln files read, %1 rows</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln page(s) fetched, %1 listings</source>
            <translation>
                <numerusform>%Ln page fetched, %1 listings</numerusform>
                <numerusform>%Ln pages fetched, %1 listings</numerusform>
            </translation>
        </message>
        <message>
            <source>Something went wrong</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The sync of “%1” failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>“%1” is already being synced</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>shopwatch is still watching</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It keeps syncing in the tray. To quit, use Quit in the tray menu.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a shop first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No shop yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>simulated day %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not synced yet</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Last sync %1 · %Ln listing(s)</source>
            <translation>
                <numerusform>Last sync %1 · %Ln listing</numerusform>
                <numerusform>Last sync %1 · %Ln listings</numerusform>
            </translation>
        </message>
        <message>
            <source>Last sync failed %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Updated by importing export files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Syncing paused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next sync: now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next sync %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The profile's database is damaged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The daily backup's check found damage. Close shopwatch and run 'shopwatch restore' (your newest good backup is kept).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AppealsFrame</name>
        <message>
            <source>Appeals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Draft an appeal from a template, add your evidence, then copy or export it.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AppealsPage</name>
        <message>
            <source>Notice</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Template</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Letter language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Evidence</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Regenerate letter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preview</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save draft</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark submitted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accepted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rejected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not submitted yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New draft</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Record that you sent this appeal to the platform. Deadline warnings for the notice stop.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo 'Mark submitted': deadline warnings resume.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No penalty notices yet. When the platform issues one, draft its appeal here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The letter was copied. Paste it into the platform's appeal form.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no letter to export yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Complete the letter before marking it submitted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (suggested)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> — yours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No template applies to this notice in this language. Add one to your templates folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This template needs: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The letter is complete. Read it through and edit it where your case differs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The evidence or template changed after you edited the letter. Regenerate it to include the change (your edits will be replaced), or edit it by hand.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The letter appears here once the required evidence is filled in.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appeal submitted: deadline warnings are off.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The platform revoked this penalty.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The platform upheld this penalty.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No appeal deadline is known.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The appeal deadline passed (%1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appeal by %1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Draft</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Submitted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 #%2 · %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appeal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export the letter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Word document (*.docx);;PDF (*.pdf);;Text (*.txt)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exhibit bundle…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A zip to attach to the appeal: a PDF summary (the listing before the penalty, its history and traffic, the notice, your evidence), the platform's raw records and your files, each with its SHA-256 hash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the exhibit bundle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Zip archive (*.zip)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Making the exhibit bundle…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Saved the exhibit bundle %1: %n file(s), each with its SHA-256 in manifest.json.</source>
            <translation>
                <numerusform>Saved the exhibit bundle %1: %n file, with its SHA-256 in manifest.json.</numerusform>
                <numerusform>Saved the exhibit bundle %1: %n files, each with its SHA-256 in manifest.json.</numerusform>
            </translation>
        </message>
        <message>
            <source>The exhibit bundle was not made: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Chinese side by side</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The letter (English)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What the section must say (Chinese)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AppealsPlaceholder</name>
        <message>
            <source>Appeal drafting is not available in this version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Here you will draft appeals from templates, filled in with the notice, the listing and your evidence (order numbers, tracking numbers, invoices). Until then, the Notices page shows every deadline.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ChannelDialog</name>
        <message>
            <source>Edit channel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a channel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. My phone, Shop e-mail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unchanged ({0})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An Apprise URL: e-mail (mailto:// or mailtos://), DingTalk (dingtalk://), WeCom (wecombot://), Feishu/Lark (feishu://, lark://), Telegram (tgram://), Slack, webhooks (json://) and many more. It is kept in the system keychain.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sends</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shops</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hold messages during quiet hours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Channel is on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Same as the notifications</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send test message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the channel a name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter the channel's address.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose at least one kind of alert and one severity.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This address is not one Apprise knows. Check the service name before '://' and the parts after it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter the channel's address first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sending a test message…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DamagedProfile</name>
        <message>
            <source>The disk holding your shopwatch data (%1) is full. Nothing was changed and your data is intact. Free some space on that disk, then start shopwatch again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your shopwatch data folder (%1) is read-only, so shopwatch cannot save anything there. Nothing was changed and your data is intact. Make the folder writable, then start shopwatch again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The data folder chosen for shopwatch (%1) is a file, not a folder. Choose a folder; the file was not changed.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DamagedProfileDialog</name>
        <message>
            <source>Your shopwatch data is damaged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>shopwatch found damage in its data file and has not changed it. Until it is repaired, shopwatch will not sync or save anything.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The newest good backup is from %1. Restoring it puts that copy back; the damaged file is kept beside it, renamed, not deleted. What changed after %1 is not in the backup: the next sync fetches your shop&apos;s current state again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no backup to restore. Keep the file %1: copy it somewhere safe before trying anything else.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore the backup</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The backup could not be restored: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DetectionForm</name>
        <message>
            <source>How sensitive the alerts are. The defaults suit a small shop; change them if you get too many or too few alerts.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Traffic baseline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Days of traffic the normal level is measured over.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recent window</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Every one of these latest days must be low to suspect a demotion.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Demotion at or below</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recent visits at or below this share of the normal level count as collapsed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Minimum traffic</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> visits/day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listings with less normal traffic are too noisy to judge.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mass disappearance at</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This share of the shop vanishing in one sync raises a loud alert.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>…and at least</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> listings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Warn before a threshold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Warn when a point ledger is this close to the next threshold.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appeal deadline warnings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hours before a deadline to warn, separated by commas (e.g. 72, 24).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Alert after failed syncs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> in a row</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failed syncs in a row before alerting.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Look-ups per sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Missing listings checked one by one per sync; the rest wait for the next sync.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore defaults</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>EvidenceForm</name>
        <message>
            <source>Order numbers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Logistics company</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tracking numbers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Buyer chat excerpts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Purchase invoices</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Brand authorisation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Other attachments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Brand</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supplier</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Root cause</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Corrective actions taken</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preventive measures</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Self-check results</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Statement of facts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Additional notes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Separate several with commas or spaces</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One entry per paragraph: leave a blank line between entries</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Required</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Optional</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Required for this template</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FileListInput</name>
        <message>
            <source>Add…</source>
            <extracomment>text fields that hold sentences, not a name: a multi-line box</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SHA-256: %1
Stored as: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add evidence files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Documents and images (*.pdf *.jpg *.jpeg *.png *.gif *.webp *.bmp *.tif *.tiff *.heic *.ofd *.doc *.docx *.xls *.xlsx *.txt)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Some files were not added</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FileShopDialog</name>
        <message>
            <source>Edit shop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a shop from export files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No API key is needed: export your listings (and, if you like, the traffic report and violation records) from the seller centre as CSV or Excel and import them. shopwatch compares each import with the last one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. My Taobao shop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shop name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Optional</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Watch folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>With a watch folder, save each new export there: every sync imports the newest one. Without it, import exports by hand from the Listings page.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the folder where you save exports</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the shop a name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Another shop is already called “%1”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The folder %1 does not exist.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Format</name>
        <message>
            <source>just now</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>in %n min</source>
            <translation>
                <numerusform>in %n min</numerusform>
                <numerusform>in %n min</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n min ago</source>
            <translation>
                <numerusform>%n min ago</numerusform>
                <numerusform>%n min ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>in %n h</source>
            <translation>
                <numerusform>in %n h</numerusform>
                <numerusform>in %n h</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n h ago</source>
            <translation>
                <numerusform>%n h ago</numerusform>
                <numerusform>%n h ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>in %n day(s)</source>
            <translation>
                <numerusform>in %n day</numerusform>
                <numerusform>in %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) ago</source>
            <translation>
                <numerusform>%n day ago</numerusform>
                <numerusform>%n days ago</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 ms</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 s</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ImportFileDialog</name>
        <message>
            <source>Import an export file into “%1”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export your listings (or the item traffic report, or your violation records) from the seller centre as CSV or Excel, then choose the file here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export file (CSV, TXT, XLSX, XLS)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Detect</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Traffic report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Violation records</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Columns</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The export is complete: these listings really are all the shop has now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Violation ledger</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listing title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listing ID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Price</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listing link</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Outer ID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Main picture</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last modified</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Visitors</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Page views</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Impressions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keyword rank</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notice number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Violation type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Penalty time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appeal deadline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Description</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n listing(s)</source>
            <translation>
                <numerusform>%n listing</numerusform>
                <numerusform>%n listings</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n traffic record(s)</source>
            <translation>
                <numerusform>%n traffic record</numerusform>
                <numerusform>%n traffic records</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln notice(s)</source>
            <translation>
                <numerusform>%Ln notice</numerusform>
                <numerusform>%Ln notices</numerusform>
            </translation>
        </message>
        <message>
            <source>nothing new</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Imported: %1; %n new alert(s).</source>
            <translation>
                <numerusform>Imported: %1; %n new alert.</numerusform>
                <numerusform>Imported: %1; %n new alerts.</numerusform>
            </translation>
        </message>
        <message>
            <source>line %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>column “%1”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>shopwatch cannot tell what kind of export this is. Choose Listings, Traffic report or Violation records above.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No column was recognised for %1. Choose it under Columns.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose an export file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exports (*.csv *.txt *.tsv *.xlsx *.xls);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>sheet “%1”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>header on line %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a listings export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a traffic report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>violation records</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unknown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Read as %1: %2; %3 rows.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An import into this shop is already under way. Wait for it to finish, then import again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Importing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for the sync under way to finish…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Amazon's Suppressed Listings report</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ImportFlow</name>
        <message>
            <source>“%1” cannot import right now</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>On sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In warehouse</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sold out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Violation delisted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Missing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deleted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Demoted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Normal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Critical</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Warning</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Info</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listing deleted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Violation delisting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Moved to warehouse</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search demotion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New penalty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Penalty points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appeal deadline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changed by platform</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mass disappearance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync failing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>False trading</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Counterfeit goods</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>IP infringement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Misdescription</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prohibited item</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deleted without reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listing spam</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Other violation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appealed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Revoked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Upheld</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>General violations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Serious violations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>General</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Serious</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Demo shop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>general</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>serious</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The platform rejected the shop's credentials or the session expired. Authorise shopwatch again and update the session key in Settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The platform could not be reached. Check the internet connection; shopwatch will try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The platform is limiting requests right now; shopwatch will try again later.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The platform sent an incomplete list, so nothing was changed. shopwatch will try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The platform answered with an error. Nothing was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The results could not be saved: the disk may be full or the data folder read-only (the details say which). Nothing was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>shopwatch found damage in its data file and stopped saving to it. Restart shopwatch to restore the newest good backup; the damaged file is kept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The sync was cancelled; nothing was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The last sync was interrupted; nothing from it was saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This shop is not fully set up yet. Open Settings → Shops to complete it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The export file could not be read, or what it says does not add up. Nothing was imported; the details say which file, line and column to check.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The export holds far fewer listings than the shop had, so nothing was imported. If it covers only part of the shop (one page or one tab), export all of it; if the listings really are gone, confirm it and import again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your edited rule file (in the profile's rules folder) has a mistake, so nothing was synced. Correct it, or delete it to use the built-in rules.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Something unexpected went wrong, so nothing was changed. Please report this with the details.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Another sync of this shop was already running (from the command line or another window), so this one did not start. shopwatch will try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A newer sync of this shop saved its results while this one was still fetching, so this older one was set aside. Nothing is wrong.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The sync failed. Nothing was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>verified</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unverified</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>edited by you</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Points reset every year on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: point thresholds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At %1 points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>IP complaint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Authenticity complaint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Removed from the catalogue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listing suppressed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search suppressed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attribute suppressed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Account health</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listing policy violation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Product condition complaint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Product safety</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restricted product</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Other policy violation</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ListingDetail</name>
        <message>
            <source>Open on Taobao</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Visits, last 30 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notices</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>History</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listing ID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Price</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Outer ID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First seen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last seen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status since</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Missing since</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Latest day: %1 visits · median before: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>, −%1 points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appeal by %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No history recorded yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First seen: %1, %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status: %1 → %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search: %1 → %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Price: %1 → %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Title: “%1” → “%2”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stock: %1 → %2</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ListingsModel</name>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listing ID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Price</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status since</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last seen</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ListingsPage</name>
        <message>
            <source>Listings</source>
            <extracomment>filter key -&gt; (statuses, search status) the ID sits under the title, "demoted" beside the status, last seen in the detail pane</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import file…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import a listings export, traffic report or violation records from the seller centre (CSV or Excel).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search by title, listing ID or outer ID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All statuses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Off shelf or sold out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Violation delisted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deleted or missing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Demoted in search</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No listings yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listings appear here after the first sync.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%Ln listing(s) in the shop</source>
            <translation>
                <numerusform>%Ln listing in the shop</numerusform>
                <numerusform>%Ln listings in the shop</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln shown</source>
            <translation>
                <numerusform>%Ln shown</numerusform>
                <numerusform>%Ln shown</numerusform>
            </translation>
        </message>
        <message>
            <source>No listing matches</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show all listings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing matches “%1” here. Check the spelling, search by listing ID, or show all listings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No listing has this status right now.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>shopwatch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overview</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notices &amp; points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appeals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shop monitor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SHOP</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>NoticesModel</name>
        <message>
            <source>Issued</source>
            <extracomment>an open notice whose deadline is this close is painted red</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Violation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ledger</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appeal by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deadline passed</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>NoticesPage</name>
        <message>
            <source>Notices &amp; points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Paste notice…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a penalty notice that arrived by platform message or e-mail: paste its text, check what was read, store it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Draft appeal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open listing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set status…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Correct or remove…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fix what was read from the notice (kind, points, listings, deadline), or remove a notice stored by mistake; its alerts are withdrawn.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notice not changed</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%Ln notice(s)</source>
            <translation>
                <numerusform>%Ln notice</numerusform>
                <numerusform>%Ln notices</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n open</source>
            <translation>
                <numerusform>%n open</numerusform>
                <numerusform>%n open</numerusform>
            </translation>
        </message>
        <message>
            <source>points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Every threshold reached.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>of %1 points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a node penalty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Points reset on %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>−%1 points, %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>issued %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appeal by %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the deadline has passed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The appeal editor is not part of this version yet.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>NotifySettingsPage</name>
        <message>
            <source>Deleted by the platform</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delisted for a violation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Taken off the shelf</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search demotion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New penalty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Penalty points near or at a threshold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appeal deadline coming up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Title or price changed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Many listings gone at once</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Syncing keeps failing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Urgent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Warning</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Information</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Urgent at once, the rest in the daily digest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only urgent alerts, at once</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Everything in the daily digest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Urgent now + digest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Urgent only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Digest only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sending</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The test could not be sent: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>“{0}”: test message sent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>“{0}”: failed: {1}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No channel to test.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Get alerts on your phone or by e-mail when you are away from the computer: deletions, violation delistings, new penalties and deadlines at once, everything else in one daily digest. Messages are sent while shopwatch runs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send alerts to the channels below</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Channels</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sends</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send test message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Off</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address missing: add it again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing sent yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Channel not saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No keychain</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This computer has no system keychain, so the address was not saved. Set the environment variable {0} to it before starting shopwatch.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove channel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove “{0}”? Its address is deleted from the keychain.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sending a test message…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>When</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>hold messages from</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quiet hours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>also on days without alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Daily digest at</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Same as the app</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This computer's time zone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time zone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Muted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Muted alerts still show in shopwatch; they are just not sent to your channels.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kinds of alert not to send:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listings not to send alerts about:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mute a listing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unmute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mute a listing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listing ID:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shop:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recent messages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Created</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Channel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send waiting messages now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry failed messages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting to be sent or retried: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Alerts for the next digest: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not be delivered: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sending…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sending failed: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next digest: {0}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Phone &amp; e-mail</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>OverviewPage</name>
        <message>
            <source>No shop to watch yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try the demo shop to see how shopwatch reports deletions, violation delistings, demotions and penalties, or connect your own Taobao shop.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try the demo shop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect my Taobao shop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import an export file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overview</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Off shelf</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Violation delisted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deleted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Demoted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Penalty points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appeal deadlines</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open notices and points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last two weeks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Newest alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>See all alerts</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%Ln listing(s) tracked</source>
            <translation>
                <numerusform>%Ln listing tracked</numerusform>
                <numerusform>%Ln listings tracked</numerusform>
            </translation>
        </message>
        <message>
            <source>last sync %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 since the previous day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In warehouse or sold out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Taken down by the platform</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Removed from the shop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search traffic collapsed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Every threshold reached.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2 points</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n more point(s) reach %1: </source>
            <translation>
                <numerusform>%n more point reach %1: </numerusform>
                <numerusform>%n more points reach %1: </numerusform>
            </translation>
        </message>
        <message>
            <source>No open appeal deadlines.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing needs your attention.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Active listings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Important alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The chart fills in as the shop syncs day by day.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overdue %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your shop is OK: nothing needs you now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your shop needs attention.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your shop is at risk: act today.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Appeal %n notice(s) due within 24 hours.</source>
            <translation>
                <numerusform>Appeal %n notice due within 24 hours.</numerusform>
                <numerusform>Appeal %n notices due within 24 hours.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n appeal(s) can still be made.</source>
            <translation>
                <numerusform>%n appeal can still be made.</numerusform>
                <numerusform>%n appeals can still be made.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: %2-point node penalty in force.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n appeal deadline(s) passed without an appeal.</source>
            <translation>
                <numerusform>%n appeal deadline passed without an appeal.</numerusform>
                <numerusform>%n appeal deadlines passed without an appeal.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Check %n listing(s) taken down, deleted or demoted.</source>
            <translation>
                <numerusform>Check %n listing taken down, deleted or demoted.</numerusform>
                <numerusform>Check %n listings taken down, deleted or demoted.</numerusform>
            </translation>
        </message>
        <message>
            <source>Evidence record: not checked yet; the first check runs a minute after start-up.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Evidence record intact: %1 syncs chained, checked %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Evidence record broken at sync %1 (checked %2): it was changed after it was recorded. Run 'shopwatch verify' for the details; your backups hold earlier copies.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Amazon account health: not read yet (it comes with the first complete sync).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Normal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At risk: act on the policy notices before Amazon deactivates the account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deactivated: submit a Plan of Action to appeal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Amazon account health: %1 (report of %2)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>NoticeEditDialog</name>
        <message>
            <source>Correct notice #%1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Correct what was read from the notice, or remove it if it was pasted by mistake. The alerts it raised and any notifications still waiting to be sent are withdrawn; alerts are raised again from the corrected facts.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ledger</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listing IDs, separated by commas</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>has a deadline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appeal by (UTC+8)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove this notice and withdraw its alerts?</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Remove this notice and withdraw its alerts? Its %n appeal(s) will be deleted too.</source>
            <translation>
                <numerusform>Remove this notice and withdraw its alerts? Its %n appeal will be deleted too.</numerusform>
                <numerusform>Remove this notice and withdraw its alerts? Its %n appeals will be deleted too.</numerusform>
            </translation>
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove notice…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A listing ID is at most 64 characters.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PasteNoticeDialog</name>
        <message>
            <source>Add a notice to “%1”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Paste the penalty notice as it arrived (platform message or e-mail, Chinese or English). Check what was read, correct it if needed, then store it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stated in the notice</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ledger</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listing ID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Issued</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appeal by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Store notice</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not in the text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not in the text: the rule's default window</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not found</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not recognised: kept as “other”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This notice is being stored already.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing here looks like a penalty notice. Store it anyway (as “other”, without an appeal deadline)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not in the text: none is set</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not in the text: the kind's ledger</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RuleText</name>
        <message>
            <source>Shop shielding and listing restrictions for 7 days (节点处罚)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shop shielding and restrictions for 14 days; may lose campaign eligibility</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shop shielding and restrictions for 21 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shop may be closed or the seller's account restricted</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RulesPanel</name>
        <message>
            <source>Show or hide the rule data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Platform rules</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check on the rule centre</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit rules…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Make your own copy of the rule file in the profile folder (if there is none yet) and open it. Items you change there are marked “edited by you”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Points and their consequences</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Default appeal windows</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n unverified</source>
            <translation>
                <numerusform>%n unverified</numerusform>
                <numerusform>%n unverified</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n edited by you</source>
            <translation>
                <numerusform>%n edited by you</numerusform>
                <numerusform>%n edited by you</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n item(s)</source>
            <translation>
                <numerusform>%n item</numerusform>
                <numerusform>%n items</numerusform>
            </translation>
        </message>
        <message>
            <source>data of %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your copy: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>These are defaults from public descriptions of the platform rules and can change: check each one on the rule centre. A deadline stated in a notice always wins over the default window. Your edits apply at the next sync.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 points</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
            </translation>
        </message>
        <message>
            <source>Could not make your copy of the rule file: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Made your copy of the rule file: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opened your copy of the rule file: %1.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changes are saved as you make them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shops</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Syncing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Detection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notifications</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>General</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The shops shopwatch watches. Secrets are kept in the system keychain, never in shopwatch's files.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect a Taobao shop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a shop from export files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>For a shop without an Open Platform API key: import the seller centre's export files.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import file…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import a listings export, traffic report or violation records into this shop.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add the demo shop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Demo shop (simulated, on this computer)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export files · watching %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export files · imported by hand</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>last sync %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>never synced</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove shop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove “%1” and all its history (listings, alerts, notices)? This cannot be undone.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync every</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>While shopwatch runs (also hidden in the tray) it syncs each shop at this interval. After the computer sleeps or shopwatch was closed, it catches up with one sync right away. A failed sync is retried sooner, backing off up to this interval.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show a desktop notification for new important alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deletions, violation delistings, suspected demotions, new penalties, point thresholds and appeal deadlines are important; platform edits and listings you moved yourself are not. When many arrive at once they are grouped into one notification. Without a system tray they are shown inside the window.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>System default (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep running in the tray when the window is closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start shopwatch when I log in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Profile folder: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not change the start-up setting: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect an Amazon account</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ShopEditor</name>
        <message>
            <source>Edit shop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect a Taobao shop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter the details of your app on the Taobao Open Platform (开放平台) and the session key you got when you authorised it for your shop.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. My Taobao shop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shop name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gateway</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>App key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Leave empty to keep the stored one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>App secret</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Session key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The app secret and session key are stored in the system keychain.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No system keychain was found on this computer, so secrets cannot be saved. Set the environment variables %1 and %2 before starting shopwatch.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Test connection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fill in the gateway, app key, app secret and session key first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connecting…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connected. The shop has %1 listings on sale.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the shop a name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The gateway must be an http:// or https:// address.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The app key is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Another shop is already called “%1”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The shop was saved, but its secrets were not: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SyncBar</name>
        <message>
            <source>Sync now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop this sync; nothing from it is saved</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Tray</name>
        <message numerus="yes">
            <source>%n listing(s) deleted by the platform</source>
            <translation>
                <numerusform>%n listing deleted by the platform</numerusform>
                <numerusform>%n listings deleted by the platform</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n listing(s) delisted for violations</source>
            <translation>
                <numerusform>%n listing delisted for violations</numerusform>
                <numerusform>%n listings delisted for violations</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Search demotion suspected on %n listing(s)</source>
            <translation>
                <numerusform>Search demotion suspected on %n listing</numerusform>
                <numerusform>Search demotion suspected on %n listings</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new penalty notice(s)</source>
            <translation>
                <numerusform>%n new penalty notice</numerusform>
                <numerusform>%n new penalty notices</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n appeal deadline(s) coming up</source>
            <translation>
                <numerusform>%n appeal deadline coming up</numerusform>
                <numerusform>%n appeal deadlines coming up</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n penalty point warning(s)</source>
            <translation>
                <numerusform>%n penalty point warning</numerusform>
                <numerusform>%n penalty point warnings</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n listing(s) moved to the warehouse</source>
            <translation>
                <numerusform>%n listing moved to the warehouse</numerusform>
                <numerusform>%n listings moved to the warehouse</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n mass disappearance(s)</source>
            <translation>
                <numerusform>%n mass disappearance</numerusform>
                <numerusform>%n mass disappearances</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n shop(s) not syncing</source>
            <translation>
                <numerusform>%n shop not syncing</numerusform>
                <numerusform>%n shops not syncing</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new alert(s)</source>
            <translation>
                <numerusform>%n new alert</numerusform>
                <numerusform>%n new alerts</numerusform>
            </translation>
        </message>
        <message>
            <source>, </source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source> and %n more</source>
            <translation>
                <numerusform> and %n more</numerusform>
                <numerusform> and %n more</numerusform>
            </translation>
        </message>
        <message>
            <source>Open shopwatch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause syncing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quit</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>shopwatch: %n unread alert(s)</source>
            <translation>
                <numerusform>shopwatch: %n unread alert</numerusform>
                <numerusform>shopwatch: %n unread alerts</numerusform>
            </translation>
        </message>
        <message>
            <source>shopwatch: no unread alerts</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n new important alert(s)</source>
            <translation>
                <numerusform>%n new important alert</numerusform>
                <numerusform>%n new important alerts</numerusform>
            </translation>
        </message>
        <message>
            <source>; </source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>WelcomeDialog</name>
        <message>
            <source>Welcome to shopwatch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>shopwatch watches your shop and tells you at once when the platform deletes or delists a listing, when search traffic collapses, when penalty points come in and before an appeal deadline passes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try the demo shop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A simulated shop on this computer, with a week of history: deletions, violation delistings, demotions and penalties, as they would appear for your shop. Nothing is sent anywhere.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect my Taobao shop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use your Taobao Open Platform app key and session key. They are stored in the system keychain; shopwatch only reads your listings and notices.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>I have no API key: import an export file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export your listings from the seller centre (CSV or Excel) and import them; shopwatch compares each new export with the last one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Later</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect my Amazon account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use your Selling Partner API app: listings, their issues and your account health are read; suppressions, removals and policy warnings become alerts.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Or try the demo Amazon seller account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A simulated Amazon account served on this computer through the real Selling Partner API: suppressed listings, an IP complaint, account health at risk.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ListingPane</name>
        <message>
            <source>Details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Timeline</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ListingTimeline</name>
        <message>
            <source>Traffic days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show one line per day of traffic</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>When</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What happened</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading the listing's history…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No history recorded yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 versions · %2 status changes · %3 notices · %4 alerts · %5 source records kept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Seen as “%1”, %2, stock %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status: %1 → %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>first seen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(the platform said: “%1”)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The platform's record of the listing kept as evidence (SHA-256 %1…)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>, −%1 points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notice: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Traffic: %1 visits, %2 impressions</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AmazonShopEditor</name>
        <message>
            <source>Edit Amazon account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect my Amazon account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>shopwatch reads your listings, their issues and your account health through Amazon's Selling Partner API. Register a private app in Seller Central (Apps and Services → Develop Apps), authorise it for your account, and copy its Login with Amazon client id, client secret and refresh token here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. My Amazon US store</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shop name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>North America</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Europe</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Far East</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Marketplace</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Merchant token, e.g. A1B2C3D4E5F6G7</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Seller id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>LWA client id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Leave empty to keep the stored one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>LWA client secret</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refresh token</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The client secret and refresh token are stored in the system keychain.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No system keychain was found on this computer, so secrets cannot be saved. Set the environment variables %1 and %2 before starting shopwatch.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the shop a name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The seller id is required (Seller Central → Settings → Account Info → Merchant Token).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The LWA client id is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The client secret and the refresh token are both required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Another shop is already called “%1”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The shop was saved, but its secrets were not: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
