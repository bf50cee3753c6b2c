//! Tests of [`super::scan`].
use super::scan::*;

/// `text` → one short description per number: `311881人`, `年2020`, `文:日期或月份`.
fn seen(text: &str) -> Vec<String> {
    scan(text)
        .into_iter()
        .map(|f| match f.kind {
            Kind::Quantity(q) => format!(
                "{}{}{}{}{}",
                q.before.unwrap_or(""),
                q.value.map_or("待填".to_string(), |v| v.to_string()),
                if q.unit_adjacent { "" } else { "~" },
                q.unit,
                q.after.map(|a| format!("[{a}]")).unwrap_or_default()
            ),
            Kind::Year { year, in_full_date } => {
                format!("年{year}{}", if in_full_date { "日" } else { "" })
            }
            Kind::Text(r) => format!("{}:{}", f.text, r.label()),
        })
        .collect()
}

#[test]
fn quantities_with_units_scales_and_qualifiers() {
    assert_eq!(
        seen("2020年度城乡居民医保参保人数为311881人,参保率达99.87%。"),
        ["年2020", "311881人", "99.87%"]
    );
    assert_eq!(seen("共审核就诊结算228.5万人次"), ["228.5万人次"]);
    assert_eq!(seen("结余约12484.52万元"), ["约12484.52万元"]);
    assert_eq!(
        seen("累计发放18万余条资料,200余人次"),
        ["18~万条[余]", "200~人次[余]"]
    );
    assert_eq!(seen("大病保险为90 元/人·年"), ["90~元"]);
    assert_eq!(seen("同比增长2 %"), ["2~%"]);
    assert_eq!(seen("8.4万参保人注册"), ["8.4万"]);
    assert_eq!(seen("增长率-2%、职工医保增长率4%"), ["-2%", "4%"]);
    assert_eq!(seen("同比增长率达6.00%、8.50%"), ["6.00%", "8.50%"]);
    assert_eq!(seen("在2个月(含)以上的统筹区"), ["2个月"]);
    assert_eq!(seen("提高了5个百分点以上"), ["5个百分点[以上]"]);
    assert_eq!(seen("月均销售低价药28.9万盒"), ["28.9万盒"]);
}

#[test]
fn placeholders_are_pending_only_before_a_unit() {
    assert_eq!(
        seen("发放参保补助资金XX万元,具有XX特色,约X亿元,超X千万元,XX余万元"),
        [
            "待填万元",
            "XX:占位的名称（不是数量）",
            "约待填亿元",
            "超待填千万元",
            "待填~万元[余]"
        ]
    );
    assert_eq!(
        seen("采购金额约X亿X千万元"),
        ["X:复合写法（如 X亿X千万元）", "X:复合写法（如 X亿X千万元）"]
    );
}

#[test]
fn numbers_that_stay_text() {
    assert_eq!(seen("标准化2.0版建设"), ["2.0:版本号"]);
    assert_eq!(seen("市政府第79次常务会议"), ["79:序数（第N）"]);
    assert_eq!(
        seen("完成2017-2019年度清算"),
        ["2017:数值范围", "2019:数值范围"]
    );
    assert_eq!(seen("《台州市2020年办法》"), ["2020:书名号内（文件名）"]);
    assert_eq!(seen("实施“5S”标准化"), ["5:引号或括号内的名称"]);
    assert_eq!(
        seen("持续优化1+23+514+69经办"),
        [
            "1:引号或括号内的名称",
            "23:引号或括号内的名称",
            "514:引号或括号内的名称",
            "69:引号或括号内的名称"
        ]
    );
    assert_eq!(seen("国办公开办函〔2021〕30号"), ["2021:文号", "30:文号"]);
    assert_eq!(seen("1-6月"), ["1:数值范围", "6:日期或月份"]);
    assert_eq!(
        seen("5月27日-30日"),
        ["5:日期或月份", "27:日期或月份", "30:日期或月份"]
    );
    assert_eq!(
        seen("2020年8月15日实现"),
        ["年2020日", "8:日期或月份", "15:日期或月份"]
    );
    assert_eq!(seen("DRGs2.0版"), ["2.0:与字母相连（代号）"]);
    assert_eq!(seen("拨打12345热线"), ["12345:电话或热线号码"]);
    assert_eq!(seen("。1.根据市局安排"), ["1:段内序号"]);
    assert_eq!(seen("征缴率为98。"), ["98:没有单位"]);
    assert_eq!(
        seen("实现海岛24小时自助经办"),
        ["24:作定语的时长（名称的一部分）"]
    );
    assert_eq!(
        seen("20_年7月"),
        ["20:残缺的数字（如 20_年）", "7:日期或月份"]
    );
    assert_eq!(seen("共1,234人"), ["1,234:带千分位逗号"]);
    assert_eq!(seen("共１２人"), ["１２:全角数字"]);
    assert_eq!(seen("2020当年度结余"), ["年2020"]);
    assert_eq!(seen("比对2028条"), ["2028条"]);
    assert_eq!(seen("年满60周岁"), ["60:年龄条件"]);
}
