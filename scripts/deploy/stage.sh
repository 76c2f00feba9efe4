#!/usr/bin/env bash
# Deploys one stage from CI (.github/workflows/deploy.yml) or by hand, with AWS credentials in the
# environment: builds the site, asks scripts/deploy/plan.ts whether the functions must change, then either
# `cdk deploy`s the stage's three stacks or only syncs the site to its bucket and invalidates CloudFront.
# Records the deployed commit in the bucket (_athar/deployed.json) for the next plan.
#   bash scripts/deploy/stage.sh staging|production [full]
set -euo pipefail
cd "$(dirname "$0")/../.."
stage="$1"
force="${2:-}"
stack="Athar-${stage}"
stage_file="infra/stages/${stage}.json"
region=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).region)' "$stage_file")
turnstile=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).turnstileSiteKey ?? "")' "$stage_file")
domain=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).domain)' "$stage_file")

output() {
  aws cloudformation describe-stacks --region "$region" --stack-name "$stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text 2>/dev/null || true
}
bucket=$(output SiteBucketName)
deployed_catalog=$(output CatalogHash)
deployed_commit=""
if [ -n "$bucket" ] && [ "$bucket" != "None" ]; then
  deployed_commit=$(aws s3 cp "s3://${bucket}/_athar/deployed.json" - 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).commit)}catch{console.log("")}})' || true)
fi
# A commit this clone does not have (a force-push) cannot be compared: deploy everything.
if [ -n "$deployed_commit" ] && ! git cat-file -e "${deployed_commit}^{commit}" 2>/dev/null; then deployed_commit=""; fi

export PUBLIC_TURNSTILE_SITE_KEY="$turnstile"
export ATHAR_STATS_URL="https://${domain}/api/stats"
npm run build
kind=$(node scripts/deploy/plan.ts --base "$deployed_commit" --deployed-catalog "${deployed_catalog/None/}")
[ "$force" = "full" ] && kind=full

if [ "$kind" = "full" ]; then
  npx cdk deploy --all -c stage="$stage" --require-approval never
  bucket=$(output SiteBucketName)
else
  # What CDK's BucketDeployment does, without CloudFormation: the same files, pruned, then invalidated.
  aws s3 sync site/dist "s3://${bucket}" --delete --exclude "_athar/*" --region "$region"
  aws cloudfront create-invalidation --distribution-id "$(output DistributionId)" --paths '/*' >/dev/null
fi
printf '{"commit":"%s","kind":"%s"}\n' "$(git rev-parse HEAD)" "$kind" |
  aws s3 cp - "s3://${bucket}/_athar/deployed.json" --content-type application/json --region "$region"
echo "deployed ${stage} (${kind}) at $(git rev-parse --short HEAD)"
