#!/usr/bin/env python3
"""Rebuild the non-DOCX import fixtures from the seed texts (byte-reproducible, pure Python):

- 003.gov.html  seed 003 as a district government website serves it: site header, navigation,
                breadcrumbs, article meta line, share/print links, footer and scripts around
                the article; paragraphs as <p> indented with &nbsp; or U+3000; headings in
                <strong>; the three statutory tables as HTML tables pasted from Word.
                Displayed text: 003.gov.expected.txt (= ../docx/003.lo.expected.txt).
- 000.gbk.txt   seed 000 in GBK with CRLF line ends (Windows Notepad). Text: ../seeds/000.txt.
- 004-3.md      seed 004-3 as Markdown (ATX headings, blank lines, sign-off with a
                backslash line break as wengao writes it). Text: ../seeds/004-3.txt.

Run from the repository root: python3 tests/import/other/make_other.py
"""

import html
import importlib.util
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "..", "seeds")
spec = importlib.util.spec_from_file_location("make_lo", os.path.join(HERE, "..", "docx", "make_lo.py"))
make_lo = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_lo)

CN = "一二三四五六七八九十"


def seed(name):
    return open(os.path.join(SEEDS, f"{name}.txt"), encoding="utf-8").read().split("\n")


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# ── 003 as a government web page ──

PAGE_HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<title>云溪区医疗保障局2020年政府信息公开工作年度报告_政府信息公开年报_岳阳市云溪区人民政府</title>
<meta name="SiteName" content="岳阳市云溪区人民政府" />
<meta name="SiteDomain" content="www.yunxi.example.gov.cn" />
<meta name="SiteIDCode" content="4306030001" />
<meta name="ColumnName" content="政府信息公开年报" />
<meta name="ArticleTitle" content="云溪区医疗保障局2020年政府信息公开工作年度报告" />
<meta name="PubDate" content="2021-01-28 16:42" />
<meta name="ContentSource" content="区医疗保障局" />
<meta name="Keywords" content="政府信息公开,年度报告,医疗保障" />
<link rel="stylesheet" type="text/css" href="/images/public.css" />
<link rel="stylesheet" type="text/css" href="/images/article.css" />
<script type="text/javascript" src="/js/jquery-1.11.3.min.js"></script>
<script type="text/javascript">
  var _hmt = _hmt || [];
  (function() { var hm = document.createElement("script"); hm.src = "https://hm.example.com/hm.js?0a1b2c3d";
    var s = document.getElementsByTagName("script")[0]; s.parentNode.insertBefore(hm, s); })();
</script>
<style type="text/css">
  .TRS_Editor P{margin-top:0;margin-bottom:0;line-height:2;font-family:仿宋_GB2312;font-size:16pt;}
  .TRS_Editor TD{font-size:12pt;}
</style>
</head>
<body>
<div class="topbar"><div class="w1200"><span class="date" id="today"></span>
<a href="javascript:void(0)" onclick="AddFavorite()">加入收藏</a> | <a href="/wza/">无障碍</a> | <a href="/ydb/">移动版</a> | <a href="/zxts/">长者模式</a></div></div>
<div class="header"><div class="w1200"><a href="/"><img src="/images/logo.png" alt="岳阳市云溪区人民政府" /></a>
<form action="/search/" method="get" class="search"><input type="text" name="q" value="请输入关键字" onfocus="if(this.value=='请输入关键字')this.value=''" /><input type="submit" value="搜索" /></form></div></div>
<div class="nav"><ul>
<li><a href="/">首页</a></li><li><a href="/zwdt/">政务动态</a></li><li class="on"><a href="/zwgk/">政务公开</a></li>
<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjyx/">走进云溪</a></li>
</ul></div>
<div class="w1200 main">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/xxgknb/">政府信息公开年报</a> &gt; 正文</div>
<div class="article">
<div class="xxgk-table"><table><tr><td>索 引 号：</td><td>4306030001/2021-00123</td><td>分　　类：</td><td>政府信息公开年报</td></tr>
<tr><td>发布机构：</td><td>区医疗保障局</td><td>发文日期：</td><td>2021-01-28</td></tr>
<tr><td>文　　号：</td><td></td><td>有 效 性：</td><td>有效</td></tr></table></div>
<h1 class="title">{title}</h1>
<div class="info">发布时间：2021-01-28 16:42　　来源：区医疗保障局　　浏览次数：<span id="hits"><script>document.write(Math.floor(Math.random()*900)+100)</script></span>　　【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</div>
<div class="content" id="zoom">
<div class="TRS_Editor">
"""

PAGE_TAIL = """</div>
</div>
<div class="share">分享到：<a class="wx" href="javascript:;">微信</a> <a class="wb" href="javascript:;">微博</a> <a class="qq" href="javascript:;">QQ空间</a></div>
<div class="print">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
<div class="related"><h3>相关链接</h3><ul>
<li><a href="/zwgk/xxgknb/2020/01/27/8341.html">云溪区人力资源和社会保障局2020年政府信息公开工作年度报告</a><span>2021-01-27</span></li>
<li><a href="/zwgk/xxgknb/2020/01/26/8327.html">云溪区卫生健康局2020年政府信息公开工作年度报告</a><span>2021-01-26</span></li>
</ul></div>
</div>
</div>
<div class="footer"><div class="w1200">
<p><a href="/about/">关于本站</a> | <a href="/map/">网站地图</a> | <a href="/contact/">联系我们</a></p>
<p>主办单位：岳阳市云溪区人民政府办公室　　承办：云溪区政务服务中心</p>
<p>网站标识码：4306030001　　<a href="https://beian.example.gov.cn/">湘ICP备05000000号</a>　　湘公网安备 43060302000000号</p>
<p><script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='https://dcs.example.gov.cn/gov/0/conac.js' type='text/javascript'%3E%3C/script%3E"));</script></p>
</div></div>
<script type="text/javascript" src="/js/common.js"></script>
<script type="text/javascript">$(function(){ $("#today").text(new Date().toLocaleDateString("zh-CN")); });</script>
</body>
</html>
"""


def gov_html():
    lines = seed("003")
    title, body = lines[0], lines[1 : lines.index("附件1")]
    out = []
    indents = ["&nbsp;&nbsp;&nbsp;&nbsp;", "\u3000\u3000", "&nbsp; &nbsp; "]
    for i, line in enumerate(body):
        e = html.escape(line, quote=False)
        pad = indents[i % 3]
        if re.match(rf"^[{CN}]+、", line):
            out.append(f'<p style="text-indent:2em;">{pad}<strong><span style="font-family:黑体;">{e}</span></strong></p>')
        elif line.startswith("附件:") or re.match(r"^\d\.", line):
            out.append(f'<p>{pad}<span style="font-family:仿宋_GB2312;">{e}</span></p>')
        elif line == body[-2] or line == body[-1]:  # sign-off, right-aligned, no indent
            out.append(f'<p style="text-align:right;">{e}&nbsp;&nbsp;&nbsp;&nbsp;</p>')
        else:
            # a long paragraph as the CMS stores it: the text split into spans, a <br /> at the end
            m = len(line) // 2
            out.append(f'<p style="text-indent:2em;">{pad}<span style="font-family:仿宋_GB2312;font-size:16pt;">'
                       f"{html.escape(line[:m], quote=False)}</span><span style=\"font-family:仿宋_GB2312;font-size:16pt;\">"
                       f"{html.escape(line[m:], quote=False)}</span></p>")
        if i == 0:
            out.append("<p>&nbsp;</p>")  # an empty paragraph, as editors leave them
    tables = make_lo.tables_003()
    for part in tables:
        if part.startswith("<p"):
            text = re.sub(r"<[^>]+>", "", part)
            if text.startswith("附件"):
                out.append(f'<p style="page-break-before:always;"><strong>{text}</strong></p>')
            else:
                out.append(f'<p style="text-align:center;"><strong>{text}</strong></p>')
        else:
            out.append(part.replace("<table ", '<table class="MsoNormalTable" align="center" ', 1))
    page = PAGE_HEAD.replace("{title}", html.escape(title, quote=False)) + "\n".join(out) + "\n" + PAGE_TAIL
    write("003.gov.html", page.encode("utf-8"))
    expected = open(os.path.join(HERE, "..", "docx", "003.lo.expected.txt"), encoding="utf-8").read()
    write("003.gov.expected.txt", expected.encode("utf-8"))


# ── 000 in GBK with CRLF ──

def gbk_txt():
    text = "\n".join(seed("000"))
    write("000.gbk.txt", text.replace("\n", "\r\n").encode("gbk"))


# ── 004-3 as Markdown ──

def markdown():
    lines = seed("004-3")
    out = []
    for i, line in enumerate(lines):
        if re.match(rf"^[{CN}]+、", line) and len(line) < 30:
            out.append(f"## {line}")
        elif re.match(rf"^\([{CN}]+\)", line) and "。" not in line:
            out.append(f"### {line}")
        elif i == len(lines) - 2:
            out.append(line + "\\")  # sign-off: agency, hard line break, date
            continue
        else:
            out.append(line)
        out.append("")
    write("004-3.md", ("\n".join(out).rstrip("\n") + "\n").replace("\\\n\n", "\\\n").encode("utf-8"))


if __name__ == "__main__":
    gov_html()
    gbk_txt()
    markdown()
    print("wrote 003.gov.html, 003.gov.expected.txt, 000.gbk.txt, 004-3.md")
