"""Render a MediaWiki dump on Apache Spark: the job of `wikitext dump`,
spread over a cluster.

    spark-submit spark_dump.py DUMP.xml.bz2 OUT_DIR [--format html|text|wikitext|tree]
                               [--store PAGES.sqlite] [--namespaces 0,14]

Spark 4's built-in XML source reads the dump (rowTag ``page``; a .bz2 splits
across tasks); each partition renders its pages with the ``wikitext`` Python
package and writes one JSON record per line (the fields of `wikitext dump`)
as text files in OUT_DIR. The dump's <siteinfo> and the template store (from
``wikitext dump DUMP --templates --store PAGES.sqlite``) are shipped once to
every worker with Spark's file distribution, not re-read from the dump.

Every worker needs the ``wikitext`` package (``pip install bindings/python``,
or ``--py-files``/a packed environment on a cluster).
"""

import argparse
import bz2
import gzip
import json
import os
import tempfile

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql.types import LongType, StringType, StructField, StructType

# The fields of a <page> the records need; an explicit schema spares Spark a
# pass over the dump to infer one.
PAGE_SCHEMA = StructType(
    [
        StructField("title", StringType()),
        StructField("ns", LongType()),
        StructField("id", LongType()),
        StructField("redirect", StructType([StructField("_title", StringType())])),
        StructField(
            "revision",
            StructType(
                [
                    StructField("id", LongType()),
                    StructField("timestamp", StringType()),
                    StructField("text", StructType([StructField("_VALUE", StringType())])),
                ]
            ),
        ),
    ]
)


def write_siteinfo(dump: str, into_dir: str) -> str:
    """The dump's header (root tag and <siteinfo>) as a small XML file."""
    opener = bz2.open if dump.endswith(".bz2") else gzip.open if dump.endswith(".gz") else open
    header = []
    with opener(dump, "rt", encoding="utf-8") as f:
        for line in f:
            if "<page>" in line:
                break
            header.append(line)
    path = os.path.join(into_dir, "siteinfo.xml")
    with open(path, "w", encoding="utf-8") as out:
        out.write("".join(header) + "</mediawiki>\n")
    return path


def render_partition(rows, fmt, store_name, namespaces):
    """One partition's pages to record lines; a page that fails becomes an
    error record instead of failing the task."""
    import wikitext

    store = SparkFiles.get(store_name) if store_name else None
    renderer = wikitext.DumpRenderer(SparkFiles.get("siteinfo.xml"), store=store, format=fmt)
    for row in rows:
        if namespaces is not None and row.ns not in namespaces:
            continue
        revision = row.revision
        text = revision.text._VALUE if revision is not None and revision.text is not None else ""
        try:
            yield renderer.record(
                row.title,
                text,
                id=row.id,
                revision_id=revision.id if revision is not None else None,
                namespace=row.ns or 0,
                timestamp=revision.timestamp if revision is not None else None,
                redirect=row.redirect._title if row.redirect is not None else None,
            )
        except Exception as error:  # noqa: BLE001 - one page must not end the job
            yield json.dumps({"name": row.title, "identifier": row.id, "error": str(error)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dump")
    parser.add_argument("out")
    parser.add_argument("--format", default="html", choices=["html", "text", "wikitext", "tree"])
    parser.add_argument("--store", help="an SQLite template store from `wikitext dump --templates`")
    parser.add_argument("--namespaces", help="comma-separated namespace ids (default: all)")
    args = parser.parse_args()
    namespaces = {int(n) for n in args.namespaces.split(",")} if args.namespaces else None

    spark = SparkSession.builder.appName("wikitext dump").getOrCreate()
    with tempfile.TemporaryDirectory() as tmp:
        spark.sparkContext.addFile(write_siteinfo(args.dump, tmp))
        store_name = None
        if args.store:
            spark.sparkContext.addFile(args.store)
            store_name = os.path.basename(args.store)
        pages = (
            spark.read.format("xml")
            .option("rowTag", "page")
            .option("attributePrefix", "_")
            .option("valueTag", "_VALUE")
            .schema(PAGE_SCHEMA)
            .load(args.dump)
        )
        fmt = args.format
        records = pages.rdd.mapPartitions(lambda rows: render_partition(rows, fmt, store_name, namespaces))
        records.saveAsTextFile(args.out)
    spark.stop()


if __name__ == "__main__":
    main()
